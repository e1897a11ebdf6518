namespace MiaRepro.Experiments.Checks;

/// <summary>An input on which the check must fail, so that its passing means something: the same check with the
/// selection's facets replaced by <see cref="Of"/> (e.g. the undefended target for "the defense brings the attack to
/// chance"). <see cref="MustFail"/>: "all" of its lines, or "most" (more than half). A control that passes fails the claim.</summary>
public sealed class CheckControl
{
    public Dictionary<string, string> Of { get; set; } = new();
    public string MustFail { get; set; } = "all";
    public string Why { get; set; } = "";
}
