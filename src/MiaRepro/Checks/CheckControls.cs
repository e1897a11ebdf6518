using MiaRepro.Measurements;
using static MiaRepro.Checks.CheckEvaluator;

namespace MiaRepro.Checks;

/// <summary>A check's control line: the same check on an input where it must fail (other facets), or on a constant;
/// a control that passes fails the claim (<see cref="VerdictRule.Control"/>).</summary>
static class CheckControls
{
    /// <summary>Whether the check holds when its judged statistic (the value, difference, change, range or margin) is
    /// <paramref name="x"/> — at every point of an 'along' check, and for a trend however its steps go.</summary>
    static bool Holds(Check check, double x, double band) => check.Type switch
    {
        "near" => Math.Abs(x - check.Paper!.Value) <= band,
        "within" => Math.Abs(x - check.Value!.Value) <= band,
        "at-least" => x >= check.Value!.Value,
        "at-most" => x <= check.Value!.Value,
        "increasing" => x > check.Band,
        "decreasing" => x < -check.Band,
        "flat" => x <= check.Band,
        "largest" => x > check.Band,
        _ => throw new ArgumentException($"check type '{check.Type}' has no control."),
    };

    public static CheckLine Line(Check check, CheckControl control, IReadOnlyList<Measurement> rows, string profile, double band)
    {
        var probe = new Check
        {
            What = check.What, Type = check.Type, Of = new Selection(check.Of).With(control.Of).Patterns.ToDictionary(), Minus = check.Minus,
            Each = check.Each, Paper = check.Paper, Value = check.Value, Band = check.Band, Along = check.Along,
            Alternative = check.Alternative, Examples = check.Examples, PaperRounding = check.PaperRounding,
            Share = check.Share, Steps = check.Steps, Monotone = check.Monotone, Among = check.Among, Expect = check.Expect,
        };
        if (control.Constant is { } constant)
        {
            var passes = Holds(check, constant, band);
            return new("", $"control for '{check.What}': must reject {F(constant)}", null, constant, null, passes ? Verdicts.Fails : Verdicts.Holds,
                $"{control.Why}: the check on {F(constant)} {(passes ? "holds — a check its control passes cannot tell the claim from its absence" : "does not hold, as it must not")}");
        }
        var lines = CheckEvaluator.Lines(probe, rows, profile).ToList();
        var on = string.Join(", ", control.Of.Select(kv => $"{kv.Key}={kv.Value}"));
        var what = $"control for '{check.What}': must fail on {on}";
        var judged = lines.Where(l => l.Verdict != Verdicts.NotRun).ToList();
        if (judged.Count == 0) return new("", what, null, null, null, Verdicts.NotRun, $"no measurement matches the control's input ({on})");
        // Each line on the control's input read by the rule: a pass there is the control passing (VerdictRule.Control).
        var words = judged.Select(l => VerdictRule.Control(l.Verdict)).ToList();
        var (failed, passed) = (words.Count(w => w == Verdicts.Holds), words.Count(w => w == Verdicts.Fails));
        var word = control.MustFail == "all"
            ? failed == judged.Count ? Verdicts.Holds : passed > 0 ? Verdicts.Fails : Verdicts.Inconclusive
            : 2 * failed > judged.Count ? Verdicts.Holds : 2 * passed >= judged.Count ? Verdicts.Fails : Verdicts.Inconclusive;
        return new(string.Join(",", judged.Select(l => l.Variant).Distinct()), what, null, failed, null, word,
            $"the check fails on {failed} of {judged.Count} lines there, passes on {passed} (needs {control.MustFail} to fail){(control.Why.Length > 0 ? $": {control.Why}" : "")}" +
            $"{(word == Verdicts.Fails ? " — a check its control passes cannot tell the claim from its absence" : "")}; {string.Join("; ", judged.Select(l => $"{l.What}: {(l.Measured is { } m ? F(m) : "-")}"))}");
    }
}
