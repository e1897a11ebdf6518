using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// Judges a claim's <see cref="Check"/>s on its measurements — the same table a fresh run writes and a committed result
/// stores, so a run and a recheck of old results judge alike. Verdict words: see <see cref="Verdicts"/>; orderings
/// (at-least, at-most, increasing, decreasing, largest) and the seed count by <see cref="VerdictRule"/>.
/// </summary>
public static class CheckEvaluator
{
    /// <param name="asserted">false: the profile records what its checks read but asserts nothing (<paramref name="why"/>).</param>
    public static ClaimOutcome Evaluate(IReadOnlyList<Check> checks, bool asserted, string why, string profile, IReadOnlyList<Measurement> rows)
    {
        var lines = checks.SelectMany(c => Lines(c, rows, profile)).ToList();
        if (!asserted)
            lines = lines.Select(l => l with { Verdict = Verdicts.Measured, Unrecorded = false, Detail = $"not asserted at this profile (would read '{l.Verdict}'): {l.Detail}" }).ToList();
        return new(asserted ? "checks" : "none", lines, why);
    }

    /// <param name="profile">The profile the measurements come from: a recorded deviation pins its value at its own profile only.</param>
    public static IEnumerable<CheckLine> Lines(Check check, IReadOnlyList<Measurement> rows, string profile = "paper")
    {
        var of = new Selection(check.Of);
        var groups = Expand(check.Each, of, rows);
        if (groups.Count == 0)
            yield return NotRun(check, of, "");
        var lines = groups.Select(g => Line(check, g.Selection, g.Label, rows, profile)).ToList();
        foreach (var line in lines) yield return line;
        if (check.Control is { } control) yield return CheckControls.Line(check, control, rows, profile);
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
        string word;
        string detail;
        double? band = null;   // the rule's band (near, within, flat) or 2 SE (orderings): how far a recorded deviation may move
        switch (check.Type)
        {
            case "measured" when check.Along.Length == 0:
            {
                q = Q(selection);
                if (q is null) return NotRun(check, selection, what);
                (word, detail) = (Verdicts.Measured, $"{q.Stat}");
                break;
            }
            case "near" or "within" when check.Along.Length == 0:
            {
                q = Q(selection);
                if (q is null) return NotRun(check, selection, what);
                var near = Near(check, q, Examples(check, selection, rows));
                band = near.Band;
                word = near.Word == Verdicts.Reproduces && check.Type == "within" ? Verdicts.Holds : near.Word;
                detail = near.Why;
                break;
            }
            case "at-least" or "at-most" when check.Along.Length == 0:
            {
                q = Q(selection);
                if (q is null) return NotRun(check, selection, what);
                var judged = VerdictRule.Ordering(Beyond(check, q.Stat.Values));
                (word, detail, band) = (judged.Word, $"{q.Stat} {(check.Type == "at-least" ? "≥" : "≤")} {F(check.Value!.Value)}: {judged.Why}", judged.Band);
                break;
            }
            case "at-least" or "at-most":
            {
                var points = Along(check.Along, selection, rows).Select(p => (p.Value, Q: Q(p.Selection))).Where(p => p.Q is not null).ToList();
                if (points.Count == 0) return NotRun(check, selection, what);
                var words = points.Select(p => VerdictRule.Ordering(Beyond(check, p.Q!.Stat.Values)).Word).ToList();
                var (held, failed) = (words.Count(w => w == Verdicts.Holds), words.Count(w => w == Verdicts.Fails));
                q = Quantity.Combine(points.Select(p => p.Q!).ToList(), v => v.Average());
                // Holds at more than the share; fails when it could not, even if every undecided point held.
                word = (double)held / points.Count > check.Share ? Verdicts.Holds
                    : (double)(points.Count - failed) / points.Count <= check.Share ? Verdicts.Fails : Verdicts.Inconclusive;
                detail = $"{(check.Type == "at-least" ? "≥" : "≤")} {F(check.Value!.Value)} beyond 2 SE at {held} of {points.Count} {check.Along}, " +
                         $"the other way at {failed} (need > {check.Share:P0}) ({Curve(check.Along, points)})";
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
                    var flat = VerdictRule.Flat(qs.Zip(qs.Skip(1)).Select(p => (IReadOnlyList<double>)Quantity.Combine([p.First, p.Second], v => v[1] - v[0]).Stat.Values).ToList(),
                        check.Alternative!.Value, check.PaperRounding);
                    (word, detail, band) = (flat.Word, $"range {F(q.Mean)}; {flat.Why} ({curve})", flat.Band);
                    break;
                }
                var sign = check.Type == "increasing" ? 1 : -1;
                q = Quantity.Combine(qs, v => v[^1] - v[0]);
                var change = VerdictRule.Ordering(q.Stat.Values.Select(v => sign * v).ToList());
                (word, band) = (change.Word, change.Band);
                detail = $"change {F(q.Mean)}, {(sign > 0 ? "up" : "down")} by the rule: {change.Why}";
                if (check.Monotone)
                {
                    var steps = qs.Zip(qs.Skip(1))
                        .Select(p => VerdictRule.Ordering(Quantity.Combine([p.First, p.Second], v => sign * (v[1] - v[0])).Stat.Values).Word).ToList();
                    word = word == Verdicts.Fails || steps.Contains(Verdicts.Fails) ? Verdicts.Fails
                        : word == Verdicts.Holds && steps.All(w => w == Verdicts.Holds) ? Verdicts.Holds : Verdicts.Inconclusive;
                    detail += $"; every step {(sign > 0 ? "up" : "down")} beyond 2 SE: {string.Join(", ", steps)}";
                }
                detail += $" ({curve})";
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
                var margin = VerdictRule.Ordering(q.Stat.Values);
                (word, band, detail) = (margin.Word, margin.Band, $"{string.Join(", ", byValue.Select(p => $"{p.Value} {F(p.Q.Mean)}"))}; margin of {check.Expect}: {margin.Why}");
                break;
            }
            default: throw new ArgumentException($"check type '{check.Type}' is unknown.");
        }
        detail = $"{subject} {detail}{q.PerSeed()}";
        return Verdict(check, selection, q, word, detail, variant, what, profile, band) with { Spread = q.Stat.Std, Seeds = q.Seeds.Length };
    }

    /// <summary>A near or within check by the verdict rule: P (or the value), the declared alternative, the paper's
    /// rounding and, for a rate on a known number of examples, the binomial floor in the metric's unit.</summary>
    static VerdictRule.Judgement Near(Check check, Quantity q, double? examples)
    {
        var unit = MetricUnits.Of(check.Of["metric"].Split('|')[0]);
        var binomial = examples is { } n && n >= 1 && check.Minus.Count == 0 && unit is MetricUnits.Percent or "fraction"
            ? new VerdictRule.Binomial((int)Math.Round(n), unit == MetricUnits.Percent ? 100 : 1) : null;
        return VerdictRule.Near(q.Stat.Values, (check.Paper ?? check.Value)!.Value, check.Alternative?.Value, check.PaperRounding, binomial);
    }

    /// <summary>The examples a rate is measured on: the check's own <see cref="Check.Examples"/>, else what the run
    /// counted beside it (its members and non-members rows: members for a TPR or recall, non-members for an FPR, both
    /// otherwise), averaged over seeds; null when neither says.</summary>
    static double? Examples(Check check, Selection selection, IReadOnlyList<Measurement> rows)
    {
        if (check.Examples is { } n) return n;
        var metric = check.Of["metric"];
        double? Count(string counted) => Quantity.Of(selection.With(new Dictionary<string, string> { ["metric"] = counted }).From(rows))?.Mean;
        return metric switch
        {
            "tpr" or "recall" => Count("members"),
            "fpr" => Count("non-members"),
            _ => Count("members") + Count("non-members"),
        };
    }

    /// <summary>Per seed, how far the value lies beyond the check's reference in the claimed direction.</summary>
    static double[] Beyond(Check check, double[] values) =>
        values.Select(v => check.Type == "at-least" ? v - check.Value!.Value : check.Value!.Value - v).ToArray();

    static CheckLine Verdict(Check check, Selection selection, Quantity q, string word, string detail, string variant, string what, string profile, double? band)
    {
        var paper = check.Type == "near" ? check.Paper : null;
        if (check.Type == "measured") return new(variant, what, null, q.Mean, null, Verdicts.Measured, detail);
        var recorded = check.Recorded.FirstOrDefault(d => d.Records(selection, profile));
        if (word is Verdicts.Reproduces or Verdicts.Holds)
            return new(variant, what, paper, q.Mean, band, word,
                detail + (recorded is not null ? $"; a deviation is recorded ({F(recorded.Measured)}) but this run does not deviate (remove the record if every run agrees)" : ""));
        if (word == Verdicts.Inconclusive) return new(variant, what, paper, q.Mean, band, word, detail);
        // A deviation from the paper's value stays one; where none is recorded at this profile it fails the test.
        if (word == Verdicts.Deviates && recorded is null)
            return new(variant, what, paper, q.Mean, band, Verdicts.Deviates, $"{detail}; no deviation is recorded at profile {profile}") { Unrecorded = true };
        // A deviation is recorded for one profile's setting (and line); another profile's run is judged on its own.
        // It reads "deviates" however far the value moved from the record (the move is printed): trained numbers differ
        // between CPUs' kernels, and the regression snapshots, not the record, pin them.
        if (recorded is { } d)
            return new(variant, what, paper, q.Mean, band, Verdicts.Deviates,
                $"{detail}; does not hold here — recorded {F(d.Measured)} ({d.Reason}){(Math.Abs(q.Mean - d.Measured) > (band ?? 0) ? $"; now {F(q.Mean - d.Measured)} from the record, beyond this line's band" : "")}");
        return new(variant, what, paper, q.Mean, band, Verdicts.Fails, detail);
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
    internal static string F(double x) => x.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
