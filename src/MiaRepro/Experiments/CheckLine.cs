namespace MiaRepro.Experiments;

/// <summary>One compared number: what the paper says (null for qualitative checks), what was measured, the verdict.</summary>
/// <param name="Verdict">"reproduces", "deviates" (recorded in the experiment, measurement stable), "holds" (qualitative),
/// "fails", "measured" (not asserted), "not-run" (this profile did not train that row).</param>
public sealed record CheckLine(string Variant, string What, double? Paper, double? Measured, double? Tolerance, string Verdict, string Detail)
{
    public bool Passed => Verdict is not "fails";
}

/// <summary>A claim's outcome: every line, and whether the test passes.</summary>
public sealed record ClaimOutcome(string CheckKind, IReadOnlyList<CheckLine> Lines, string Why)
{
    public bool Asserted => CheckKind != "none";
    public bool Passed => Lines.All(l => l.Passed);

    /// <summary>The report's word for the claim.</summary>
    public string Verdict => !Asserted ? "measured (not asserted at this profile)"
        : !Passed ? "FAILS"
        : Lines.All(l => l.Verdict == "not-run") ? "not run"
        : Lines.Any(l => l.Verdict == "deviates") ? (Lines.Any(l => l.Verdict == "reproduces") ? Mixed() : "deviates")
        : Lines.All(l => l.Verdict is "holds" or "not-run") ? (Lines.Any(l => l.Verdict == "not-run") ? "holds (rows run); some rows not run" : "holds")
        : Lines.Any(l => l.Verdict == "not-run") ? "reproduces (rows run); some rows not run at this profile"
        : "reproduces";

    // Rows that reproduce beside recorded deviations: counted, since they need not split by variant (a reading).
    string Mixed()
    {
        int Count(string verdict) => Lines.Count(l => l.Verdict == verdict);
        var rest = new[] { ("hold", Count("holds")), ("measured", Count("measured")), ("not run", Count("not-run")) }
            .Where(r => r.Item2 > 0).Select(r => $", {r.Item2} {r.Item1}");
        var (r, d) = (Count("reproduces"), Count("deviates"));
        return $"{r} {(r == 1 ? "row reproduces" : "rows reproduce")}, {d} {(d == 1 ? "deviates" : "deviate")} (recorded){string.Concat(rest)}";
    }
}
