namespace MiaRepro.Checks;

/// <summary>
/// An input on which the check must fail, so that its passing means something. Either <see cref="Of"/>: the same check
/// with the selection's facets replaced (the undefended target for "the defense brings the attack to chance";
/// <see cref="MustFail"/> "all" of its lines or "most", more than half), or <see cref="Constant"/>: the check's quantity
/// replaced by a value it must reject (50: a label-independent attack's expected accuracy on balanced sets, for
/// "the attack beats chance"; chance plus a leak the claim must not call chance, for "≈ chance"). <see cref="Why"/>
/// names the input. A control that passes fails the claim.
/// </summary>
public sealed class CheckControl
{
    public Dictionary<string, string> Of { get; set; } = new();
    public double? Constant { get; set; }
    public string MustFail { get; set; } = "all";
    public string Why { get; set; } = "";
}
