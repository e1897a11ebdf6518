using MiaRepro.Experiments.Measurements;

namespace MiaRepro.Experiments.Checks;

/// <summary>
/// Judges a claim's <see cref="Check"/>s on its measurements — the same table a fresh run writes and a committed result
/// stores, so a run and a recheck of old results judge alike. Verdict words: see <see cref="Verdicts"/>.
/// </summary>
public static class CheckEvaluator
{
    public static ClaimOutcome Evaluate(ExperimentSpec spec, IReadOnlyList<Measurement> rows)
    {
        var lines = spec.Checks.SelectMany(c => Lines(c, rows, spec.Profile)).ToList();
        if (!spec.Asserted)
            lines = lines.Select(l => l with { Verdict = Verdicts.Measured, Detail = $"not asserted at this profile (would read '{l.Verdict}'): {l.Detail}" }).ToList();
        return new(spec.Asserted ? "checks" : "none", lines, spec.CheckWhy);
    }

    /// <param name="profile">The profile the measurements come from: a recorded deviation pins its value at its own profile only.</param>
    public static IEnumerable<CheckLine> Lines(Check check, IReadOnlyList<Measurement> rows, string profile = "paper")
    {
        var of = new Selection(check.Of);
        var groups = Expand(check.Each, of, rows);
        if (groups.Count == 0)
            yield return NotRun(check, of, "");
        foreach (var (label, selection) in groups)
            yield return Line(check, selection, label, rows, profile);
        if (check.Control is { } control)
            yield return ControlLine(check, control, rows, profile);
    }

    /// <summary>One selection per combination of the <paramref name="each"/> facets' values, in the table's order.</summary>
    static List<(string Label, Selection Selection)> Expand(string[] each, Selection of, IReadOnlyList<Measurement> rows)
    {
        if (each.Length == 0) return [("", of)];
        return of.From(rows).Select(m => each.Select(f => (Facet: f, Value: Facets.Of(m, f))).ToArray())
            .DistinctBy(v => string.Join('\u0001', v.Select(x => x.Value)))
            .Select(v => (string.Join(", ", v.Where(x => x.Facet != "variant").Select(x => $"{x.Facet}={x.Value}")),
                of.With(v.ToDictionary(x => x.Facet, x => x.Value))))
            .ToList();
    }

    static CheckLine Line(Check check, Selection selection, string label, IReadOnlyList<Measurement> rows, string profile)
    {
        var what = label.Length > 0 ? $"{check.What} [{label}]" : check.What;
        var variant = VariantOf(check, selection, rows);
        Quantity? Q(Selection s)
        {
            var a = Quantity.Of(s.From(rows));
            if (check.Minus.Count == 0 || a is null) return a;
            var b = Quantity.Of(s.With(check.Minus).From(rows));
            return b is null ? null : Quantity.Difference(a, b);
        }
        var subject = check.Minus.Count > 0 ? $"[{selection}] − [{string.Join(", ", check.Minus.Select(m => $"{m.Key}={m.Value}"))}]" : $"[{selection}]";

        Quantity? q;
        bool ok;
        string detail;
        switch (check.Type)
        {
            case "near" or "within" or "measured" or "at-least" or "at-most" when check.Along.Length == 0:
            {
                q = Q(selection);
                if (q is null) return NotRun(check, selection, what);
                (ok, detail) = Judge(check, q);
                break;
            }
            case "at-least" or "at-most":
            {
                var points = Along(check.Along, selection, rows).Select(p => (p.Value, Q: Q(p.Selection))).Where(p => p.Q is not null).ToList();
                if (points.Count == 0) return NotRun(check, selection, what);
                bool Holds(double v) => check.Type == "at-least" ? v >= check.Value!.Value : v <= check.Value!.Value;
                var count = points.Count(p => Holds(p.Q!.Mean));
                q = Quantity.Combine(points.Select(p => p.Q!).ToList(), v => v.Average());
                ok = (double)count / points.Count > check.Share;
                detail = $"{(check.Type == "at-least" ? "≥" : "≤")} {F(check.Value!.Value)} at {count} of {points.Count} {check.Along} (need > {check.Share:P0}) ({Curve(check.Along, points)})";
                break;
            }
            case "increasing" or "decreasing" or "flat":
            {
                var points = (check.Steps.Count > 0
                        ? check.Steps.Select(s => (Value: string.Join(",", s.Values), Selection: selection.With(s)))
                        : Along(check.Along, selection, rows))
                    .Select(p => (p.Value, Q: Q(p.Selection))).ToList();
                if (points.Count < 2 || points.Any(p => p.Q is null)) return NotRun(check, selection, what);
                var qs = points.Select(p => p.Q!).ToList();
                var curve = Curve(check.Along.Length > 0 ? check.Along : "", points!);
                if (check.Type == "flat")
                {
                    q = Quantity.Combine(qs, v => v.Max() - v.Min());
                    ok = q.Mean <= check.Band;
                    detail = $"range {F(q.Mean)} ≤ {F(check.Band)} ({curve})";
                    break;
                }
                var sign = check.Type == "increasing" ? 1 : -1;
                q = Quantity.Combine(qs, v => v[^1] - v[0]);
                var monotone = qs.Zip(qs.Skip(1)).All(p => sign * (p.Second.Mean - p.First.Mean) > 0);
                ok = sign * q.Mean > check.Band && (!check.Monotone || monotone);
                detail = $"change {F(q.Mean)}, needs {(sign > 0 ? ">" : "<")} {(sign > 0 ? "" : "−")}{F(check.Band)}" +
                         $"{(check.Monotone ? $", every step {(sign > 0 ? "up" : "down")} ({(monotone ? "it is" : "it is not")})" : "")} ({curve})";
                break;
            }
            case "largest":
            {
                var values = selection.From(rows).Select(m => Facets.Of(m, check.Among)).Distinct().ToList();
                if (!values.Contains(check.Expect)) return NotRun(check, selection, what);
                var byValue = values.Select(v => (Value: v, Q: Q(selection.With(new Dictionary<string, string> { [check.Among] = v }))!)).ToList();
                var others = byValue.Where(p => p.Value != check.Expect).Select(p => p.Q).ToList();
                var top = byValue.First(p => p.Value == check.Expect).Q;
                q = Quantity.Combine(others.Prepend(top).ToList(), v => v[0] - v.Skip(1).Max());
                ok = q.Mean > check.Band;
                detail = $"{string.Join(", ", byValue.Select(p => $"{p.Value} {F(p.Q.Mean)}"))}; margin of {check.Expect} {F(q.Mean)} > {F(check.Band)}";
                break;
            }
            default: throw new ArgumentException($"check type '{check.Type}' is unknown.");
        }
        detail = $"{subject} {detail}{q.PerSeed()}";
        return Verdict(check, q, ok, detail, variant, what, profile) with { Spread = q.Stat.Std, Seeds = q.Seeds.Length };
    }

    static CheckLine Verdict(Check check, Quantity q, bool ok, string detail, string variant, string what, string profile)
    {
        var paper = check.Type == "near" ? check.Paper : null;
        var band = check.Type is "near" or "within" or "flat" ? check.Band : (double?)null;
        if (check.Type == "measured") return new(variant, what, null, q.Mean, null, Verdicts.Measured, detail);
        if (ok)
            return new(variant, what, paper, q.Mean, band, check.Type == "near" ? Verdicts.Reproduces : Verdicts.Holds,
                detail + (check.Deviation is { } recorded && recorded.Profile == profile ? $"; a deviation is recorded ({F(check.Deviation.Measured)}) but this run is within the band (remove the record if every run is)" : ""));
        // A deviation is recorded for one profile's setting; another profile's run is judged on its own.
        if (check.Deviation is { } d && d.Profile == profile)
        {
            var stable = Math.Abs(q.Mean - d.Measured) <= d.Band;
            return new(variant, what, paper, q.Mean, band, stable ? Verdicts.Deviates : Verdicts.Fails,
                $"{detail}; does not hold here — recorded {F(d.Measured)} ± {F(d.Band)} ({d.Reason}){(stable ? "" : $"; the measurement moved by {F(q.Mean - d.Measured)}")}");
        }
        return new(variant, what, paper, q.Mean, band, Verdicts.Fails, detail);
    }

    /// <summary>A one-value check on <paramref name="q"/>: whether it holds, and the comparison in words.</summary>
    static (bool Ok, string Detail) Judge(Check check, Quantity q)
    {
        var (mean, sd) = (q.Mean, q.Stat.Std);
        return check.Type switch
        {
            "near" => (Math.Abs(mean - check.Paper!.Value) <= check.Band, $"{q.Stat} vs paper {F(check.Paper!.Value)} ± {F(check.Band)}"),
            "within" => (Math.Abs(mean - check.Value!.Value) <= check.Band, $"{q.Stat} vs {F(check.Value!.Value)} ± {F(check.Band)}"),
            "at-least" => (mean - check.Sigmas * sd >= check.Value!.Value,
                check.Sigmas > 0 ? $"{q.Stat} − {F(check.Sigmas)}σ = {F(mean - check.Sigmas * sd)} ≥ {F(check.Value!.Value)}" : $"{q.Stat} ≥ {F(check.Value!.Value)}"),
            "at-most" => (mean + check.Sigmas * sd <= check.Value!.Value,
                check.Sigmas > 0 ? $"{q.Stat} + {F(check.Sigmas)}σ = {F(mean + check.Sigmas * sd)} ≤ {F(check.Value!.Value)}" : $"{q.Stat} ≤ {F(check.Value!.Value)}"),
            _ => (true, $"{q.Stat}"),
        };
    }

    /// <summary>Whether the check holds when its judged statistic (the value, difference, change, range or margin) is
    /// <paramref name="x"/> — at every point of an 'along' check, and for a trend however its steps go.</summary>
    static bool Holds(Check check, double x) => check.Type switch
    {
        "near" => Math.Abs(x - check.Paper!.Value) <= check.Band,
        "within" => Math.Abs(x - check.Value!.Value) <= check.Band,
        "at-least" => x >= check.Value!.Value,
        "at-most" => x <= check.Value!.Value,
        "increasing" => x > check.Band,
        "decreasing" => x < -check.Band,
        "flat" => x <= check.Band,
        "largest" => x > check.Band,
        _ => throw new ArgumentException($"check type '{check.Type}' has no control."),
    };

    static CheckLine ControlLine(Check check, CheckControl control, IReadOnlyList<Measurement> rows, string profile)
    {
        var probe = new Check
        {
            What = check.What, Type = check.Type, Of = new Selection(check.Of).With(control.Of).Patterns.ToDictionary(), Minus = check.Minus,
            Each = check.Each, Paper = check.Paper, Value = check.Value, Band = check.Band, Sigmas = check.Sigmas, Along = check.Along,
            Share = check.Share, Steps = check.Steps, Monotone = check.Monotone, Among = check.Among, Expect = check.Expect,
        };
        if (control.Constant is { } constant)
        {
            var passes = Holds(check, constant);
            return new("", $"control for '{check.What}': must reject {F(constant)}", null, constant, null, passes ? Verdicts.Fails : Verdicts.Holds,
                $"{control.Why}: the check on {F(constant)} {(passes ? "holds — a check its control passes cannot tell the claim from its absence" : "does not hold, as it must not")}");
        }
        var lines = Lines(probe, rows, profile).ToList();
        var on = string.Join(", ", control.Of.Select(kv => $"{kv.Key}={kv.Value}"));
        var what = $"control for '{check.What}': must fail on {on}";
        var judged = lines.Where(l => l.Verdict != Verdicts.NotRun).ToList();
        if (judged.Count == 0) return new("", what, null, null, null, Verdicts.NotRun, $"no measurement matches the control's input ({on})");
        var failed = judged.Count(l => l.Verdict == Verdicts.Fails);
        var ok = control.MustFail == "all" ? failed == judged.Count : 2 * failed > judged.Count;
        return new(string.Join(",", judged.Select(l => l.Variant).Distinct()), what, null, failed, null, ok ? Verdicts.Holds : Verdicts.Fails,
            $"the check fails on {failed} of {judged.Count} lines there (needs {control.MustFail}){(control.Why.Length > 0 ? $": {control.Why}" : "")}" +
            $"{(ok ? "" : " — a check its control passes cannot tell the claim from its absence")}; {string.Join("; ", judged.Select(l => $"{l.What}: {(l.Measured is { } m ? F(m) : "-")}"))}");
    }

    static IEnumerable<(string Value, Selection Selection)> Along(string facet, Selection selection, IReadOnlyList<Measurement> rows)
    {
        var values = selection.From(rows).Select(m => Facets.Of(m, facet)).Distinct();
        values = Facets.IsNumeric(facet) ? values.OrderBy(v => Facets.Number(v) ?? double.NaN) : values;
        return values.Select(v => (v, selection.With(new Dictionary<string, string> { [facet] = v })));
    }

    static string Curve(string facet, IEnumerable<(string Value, Quantity? Q)> points) =>
        string.Join(", ", points.Select(p => $"{(facet.Length > 0 ? $"{facet} " : "")}{p.Value}: {F(p.Q!.Mean)}"));

    static string VariantOf(Check check, Selection selection, IReadOnlyList<Measurement> rows)
    {
        if (check.Steps.Count > 0 && check.Steps.All(s => s.ContainsKey("variant")))
            return string.Join("→", check.Steps.Select(s => s["variant"]));
        if (selection.Patterns.TryGetValue("variant", out var v) && !v.Contains('*') && !v.Contains('|')) return v;
        return string.Join(",", selection.From(rows).Select(m => m.Variant).Distinct());
    }

    static CheckLine NotRun(Check check, Selection selection, string what) =>
        new(selection.Patterns.TryGetValue("variant", out var v) ? v : "", what.Length > 0 ? what : check.What, check.Type == "near" ? check.Paper : null, null, null,
            Verdicts.NotRun, $"no measurement matches [{selection}]: not run at this profile or by --variants");

    // Enough digits that a recheck's lines are pinned (snapshots), few enough to read.
    static string F(double x) => x.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
