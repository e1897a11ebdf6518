namespace MiaRepro.Checks;

/// <summary>
/// An input on which the check must fail, so that its passing means something: <see cref="Of"/>, the same check with the
/// selection's facets replaced, measured on the same evaluation set — the undefended target for "the defense brings the
/// attack to chance", the shuffled keep mask, the all-member attack (<see cref="Measurements.AllMemberAttack"/>) for
/// "the attack beats chance". <see cref="MustFail"/>: "all" of its lines or "most", more than half. <see cref="Why"/>
/// names the input. A control that passes fails the claim. <see cref="Constant"/> is gone (never measured); kept only
/// to reject it by name.
/// </summary>
public sealed class CheckControl
{
    public Dictionary<string, string> Of { get; set; } = new();
    public double? Constant { get; set; }
    public string MustFail { get; set; } = "all";
    public string Why { get; set; } = "";
    /// <summary>Instead of <see cref="Of"/>: why no measured input on this evaluation set must fail the check (a
    /// target's own accuracy; "≈ chance", which every label-independent attack passes). Printed, never judged.</summary>
    public string None { get; set; } = "";
}
