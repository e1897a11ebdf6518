using MiaRepro.Measurements;
using static MiaRepro.Checks.CheckEvaluator;

namespace MiaRepro.Checks;

/// <summary>A check's control line: the same check on an input where it must fail (other facets, measured on the same
/// evaluation set); a control that passes fails the claim (<see cref="VerdictRule.Control"/>).</summary>
static class CheckControls
{
    public static CheckLine Line(Check check, CheckControl control, IReadOnlyList<Measurement> rows, string profile)
    {
        if (control.None.Length > 0)
            return new("", $"control for '{check.What}': none", null, null, null, Verdicts.Measured, $"no measured input on this evaluation set must fail it: {control.None}");
        var probe = new Check
        {
            What = check.What, Type = check.Type, Of = new Selection(check.Of).With(control.Of).Patterns.ToDictionary(), Minus = check.Minus,
            Each = check.Each, Paper = check.Paper, Value = check.Value, Band = check.Band, Along = check.Along,
            Alternative = check.Alternative, Examples = check.Examples, PaperRounding = check.PaperRounding,
            Share = check.Share, Steps = check.Steps, Monotone = check.Monotone, Among = check.Among, Expect = check.Expect,
        };
        var lines = CheckEvaluator.Lines(probe, rows, profile).ToList();
        var on = string.Join(", ", control.Of.Select(kv => $"{kv.Key}={kv.Value}"));
        var what = $"control for '{check.What}': must fail on {on}";
        var judged = lines.Where(l => l.Verdict != Verdicts.NotRun).ToList();
        if (judged.Count == 0) return new("", what, null, null, null, Verdicts.NotRun, $"no measurement matches the control's input ({on})");
        // Each line on the control's input read by the rule: a pass there is the control passing (VerdictRule.Control).
        var words = judged.Select(l => VerdictRule.Control(l.Verdict, IsOrdering(check))).ToList();
        var (failed, passed) = (words.Count(w => w == Verdicts.Holds), words.Count(w => w == Verdicts.Fails));
        var word = control.MustFail == "all"
            ? failed == judged.Count ? Verdicts.Holds : passed > 0 ? Verdicts.Fails : Verdicts.Inconclusive
            : 2 * failed > judged.Count ? Verdicts.Holds : 2 * passed >= judged.Count ? Verdicts.Fails : Verdicts.Inconclusive;
        return new(string.Join(",", judged.Select(l => l.Variant).Distinct()), what, null, failed, null, word,
            $"the check fails on {failed} of {judged.Count} lines there, passes on {passed} (needs {control.MustFail} to fail){(control.Why.Length > 0 ? $": {control.Why}" : "")}" +
            $"{(word == Verdicts.Fails ? " — a check its control passes cannot tell the claim from its absence" : "")}; {string.Join("; ", judged.Select(l => $"{l.What}: {(l.Measured is { } m ? F(m) : "-")}"))}");
    }

    static bool IsOrdering(Check check) => check.Type is not ("near" or "within" or "flat");
}
