
namespace MiaRepro.Checks;

/// <summary>One judged statement: what the paper says (null for qualitative checks), what was measured, the band, the
/// verdict (<see cref="Verdicts"/>) and how it was reached.</summary>
public sealed record CheckLine(string Variant, string What, double? Paper, double? Measured, double? Tolerance, string Verdict, string Detail)
{
    public bool Passed => Verdict is not Verdicts.Fails && !Unrecorded;
    /// <summary>A deviation no claim file records at this profile: the line reads deviates, the test fails.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unrecorded { get; init; }
    /// <summary>The sample sd of the measured quantity over seeds (0 with one seed), and how many seeds.</summary>
    public double? Spread { get; init; }
    public int Seeds { get; init; }
}

/// <summary>A claim's outcome: every line, whether the test passes, and the claim's one word.</summary>
public sealed record ClaimOutcome(string CheckKind, IReadOnlyList<CheckLine> Lines, string Why)
{
    public bool Asserted => CheckKind != "none";
    public bool Passed => Lines.All(l => l.Passed);

    /// <summary>The claim's word, its worst line's: FAILS if any line fails; deviates if any line deviates (a recorded
    /// deviation keeps the test green as a regression pin but the claim is never called reproduced); inconclusive if a
    /// line cannot tell (too few seeds, within 2 SE: the test stays green); not run if no line ran; reproduces if a
    /// paper value is matched; holds if qualitative statements hold. Rows not run are said.</summary>
    public string Verdict
    {
        get
        {
            if (!Asserted) return "measured (not asserted at this profile)";
            if (Lines.Any(l => l.Verdict == Verdicts.Fails)) return "FAILS";
            if (!Passed) return "deviates (not recorded)";
            var judged = Lines.Where(l => l.Verdict is not (Verdicts.NotRun or Verdicts.Measured)).ToList();
            if (judged.Count == 0) return Lines.Any(l => l.Verdict == Verdicts.NotRun) ? "not run" : "measured";
            var word = judged.Any(l => l.Verdict == Verdicts.Deviates) ? "deviates"
                : judged.Any(l => l.Verdict == Verdicts.Inconclusive) ? "inconclusive"
                : judged.Any(l => l.Verdict == Verdicts.Reproduces) ? "reproduces" : "holds";
            return Lines.Any(l => l.Verdict == Verdicts.NotRun) ? $"{word}; some rows not run" : word;
        }
    }

    /// <summary>The lines by verdict, e.g. "3 reproduce, 1 deviates, 2 hold, 1 not run".</summary>
    public string Counts
    {
        get
        {
            static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
            int N(string v) => Lines.Count(l => l.Verdict == v);
            return string.Join(", ", new[]
            {
                (N(Verdicts.Reproduces), "reproduces", "reproduce"), (N(Verdicts.Deviates), "deviates", "deviate"), (N(Verdicts.Fails), "fails", "fail"),
                (N(Verdicts.Inconclusive), "inconclusive", "inconclusive"),
                (N(Verdicts.Holds), "holds", "hold"), (N(Verdicts.Measured), "measured", "measured"), (N(Verdicts.NotRun), "not run", "not run"),
            }.Where(c => c.Item1 > 0).Select(c => Plural(c.Item1, c.Item2, c.Item3)));
        }
    }
}
