namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>Evaluates a shadow-attack claim's <see cref="AttackAssertion"/>s on the seed means of its rows.</summary>
public static class ShadowAttackChecks
{
    /// <param name="partial">Only some variants ran (--variants, a probe or shard): an assertion on a variant that did not
    /// run is "not-run" rather than an error. In a full run a missing variant stays an error (a misspelt name).</param>
    public static ClaimOutcome Evaluate(ExperimentSpec spec, IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows, bool partial = false)
    {
        if (spec.Check.Kind == "none") return new("none", Measured(targets, rows), spec.Check.Why);
        var ran = targets.Select(t => t.Variant).ToHashSet();
        var lines = spec.Check.Assertions.Select(a => partial && Needs(a).Where(v => !ran.Contains(v)).ToList() is { Count: > 0 } missing
            ? new CheckLine(a.Variant, a.What, null, null, a.Tolerance, "not-run", $"variant {string.Join(", ", missing)} not run (--variants)")
            : Line(a, targets, rows)).ToList();
        return new(spec.Check.Kind, lines, spec.Check.Why);
    }

    /// <summary>The variants an assertion reads.</summary>
    static IEnumerable<string> Needs(AttackAssertion a) =>
        a.Variants.Append(a.Variant).Concat(a.Kind is "near-variant" or "lower-than" ? [a.Other] : []).Where(v => v.Length > 0).Distinct();

    /// <summary>The seed mean (± std) of <paramref name="metric"/> for <paramref name="attack"/> in <paramref name="variant"/>.</summary>
    public static Stat Measure(IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows, string variant, string attack, string metric)
    {
        if (metric.StartsWith("target-", StringComparison.Ordinal))
        {
            var t = targets.Where(r => r.Variant == variant).ToList();
            if (t.Count == 0) throw new ArgumentException($"No target in variant '{variant}'. Variants run: {string.Join(", ", targets.Select(r => r.Variant).Distinct())}.");
            return Stat.Of(t.Select(r => metric switch { "target-train" => r.TrainAccuracy, "target-test" => r.TestAccuracy, _ => r.Gap }));
        }
        var a = rows.Where(r => r.Variant == variant && r.Attack == attack).ToList();
        if (a.Count == 0) throw new ArgumentException($"No '{attack}' attack in variant '{variant}'. Attacks run: {string.Join(", ", rows.Select(r => $"{r.Variant}/{r.Attack}").Distinct())}.");
        return Stat.Of(a.Select(r => metric switch
        {
            "accuracy" => r.Accuracy,
            "balanced-accuracy" => r.BalancedAccuracy,
            "precision" => r.Precision,
            "recall" => r.Recall,
            "advantage" => r.Advantage,
            "auc" => r.Auc,
            "tpr-at-1pct-fpr" => r.TprAt1PctFpr,
            "class-mean-accuracy" => r.ClassMeanAccuracy,
            _ => throw new ArgumentException($"Unknown metric '{metric}'."),
        }));
    }

    /// <summary>What a profile that asserts nothing still reports: each variant's target and attacks, seed means.</summary>
    static List<CheckLine> Measured(IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows) =>
        targets.Select(t => t.Variant).Distinct().SelectMany(v =>
            new[] { new CheckLine(v, "target train − test accuracy", null, Measure(targets, rows, v, "", "target-gap").Mean, null, "measured",
                    $"train {Measure(targets, rows, v, "", "target-train")}, test {Measure(targets, rows, v, "", "target-test")}") }
            .Concat(rows.Where(r => r.Variant == v).Select(r => r.Attack).Distinct().Select(a => new CheckLine(v, $"{a} attack accuracy", null,
                Measure(targets, rows, v, a, "accuracy").Mean, null, "measured",
                $"accuracy {Measure(targets, rows, v, a, "accuracy")}, balanced {Measure(targets, rows, v, a, "balanced-accuracy")}, " +
                $"precision {Measure(targets, rows, v, a, "precision")}, recall {Measure(targets, rows, v, a, "recall")}, AUC {Measure(targets, rows, v, a, "auc").Mean:F3}")))).ToList();

    static CheckLine Line(AttackAssertion a, IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows)
    {
        Stat M(string variant, string attack) => Measure(targets, rows, variant, attack, a.Metric);
        var subject = a.Metric.StartsWith("target-", StringComparison.Ordinal) ? a.Metric : $"{a.Attack} {a.Metric}";
        switch (a.Kind)
        {
            case "near":
            {
                var m = M(a.Variant, a.Attack);
                if (a.Recorded is { } recorded)
                {
                    var stable = Math.Abs(m.Mean - recorded) <= a.Tolerance;
                    return new(a.Variant, a.What, a.Value, m.Mean, a.Tolerance, stable ? "deviates" : "fails",
                        $"{subject} {m}; paper {a.Value}; recorded deviation {recorded} ({a.Reason}){(stable ? "" : $" — measurement moved by {m.Mean - recorded:F2}")}");
                }
                var ok = Math.Abs(m.Mean - a.Value) <= a.Tolerance;
                return new(a.Variant, a.What, a.Value, m.Mean, a.Tolerance, ok ? "reproduces" : "fails", $"{subject} {m}, paper {a.Value} ± {a.Tolerance}");
            }
            case "at-least" or "at-most":
            {
                var m = M(a.Variant, a.Attack);
                var ok = a.Kind == "at-least" ? m.Mean >= a.Value : m.Mean <= a.Value;
                return new(a.Variant, a.What, null, m.Mean, null, ok ? "holds" : "fails", $"{subject} {m} {(a.Kind == "at-least" ? "≥" : "≤")} {a.Value}");
            }
            case "near-attack" or "near-variant":
            {
                // Two measurements within Tolerance: two attacks in one variant, or one attack in two variants.
                var byAttack = a.Kind == "near-attack";
                var m = M(a.Variant, a.Attack);
                var o = byAttack ? M(a.Variant, a.Other) : M(a.Other, a.Attack);
                var diff = m.Mean - o.Mean;
                var ok = Math.Abs(diff) <= a.Tolerance;
                var compared = byAttack ? $"{a.Attack} {a.Metric} {m} vs {a.Other} {o}" : $"{subject} {m} in {a.Variant} vs {o} in {a.Other}";
                return new(a.Variant, a.What, null, diff, a.Tolerance, ok ? "holds" : "fails", $"{compared}: difference {diff:F2}, |·| ≤ {a.Tolerance}");
            }
            case "decreasing" or "increasing":
            {
                var values = a.Variants.Select(v => M(v, a.Attack)).ToList();
                var sign = a.Kind == "decreasing" ? -1 : 1;
                var monotone = values.Zip(values.Skip(1)).All(p => sign * (p.Second.Mean - p.First.Mean) > 0);
                var overall = sign * (values[^1].Mean - values[0].Mean);
                var ok = monotone && overall > a.Tolerance;
                return new(string.Join("→", a.Variants), a.What, null, values[^1].Mean - values[0].Mean, a.Tolerance, ok ? "holds" : "fails",
                    $"{subject}: {string.Join(" → ", values.Select(v => v.Mean.ToString("F2")))} ({(monotone ? "monotone" : "not monotone")}, change {values[^1].Mean - values[0].Mean:F2}, needs > {a.Tolerance} {(sign < 0 ? "down" : "up")})");
            }
            case "lower-than":
            {
                var m = M(a.Variant, a.Attack);
                var o = M(a.Other, a.Attack);
                var ok = m.Mean <= o.Mean - a.Tolerance;
                return new(a.Variant, a.What, null, m.Mean - o.Mean, a.Tolerance, ok ? "holds" : "fails",
                    $"{subject} {m} in {a.Variant} vs {o} in {a.Other}: needs ≤ −{a.Tolerance}");
            }
            default: throw new ArgumentException($"Unknown assertion kind '{a.Kind}'.");
        }
    }
}
