using MiaRepro.Metrics;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>Figures for a shadow-attack claim: every attack's ROC per variant, score distributions, and a metric across variants.</summary>
public static class ShadowAttackFigures
{
    public static Figure Roc(string variant, IEnumerable<AttackScores> scores) =>
        MembershipFigures.Roc($"ROC, {variant} (log-log)", scores.Where(s => s.Variant == variant).Select(s => (s.Attack, RocCurve.From(s.Scores))));

    /// <summary>A metric's seed mean for each attack across the variants, in the experiment's order (x = variant's position).</summary>
    public static Figure MetricVsVariant(string metric, IReadOnlyList<string> variants, IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows) =>
        new($"{metric} by variant ({string.Join(", ", variants.Select((v, i) => $"{i}={v}"))})", "variant", metric,
            rows.Select(r => r.Attack).Distinct().Select(attack => new Series(attack,
                variants.Select((_, i) => (double)i).ToArray(),
                variants.Select(v => ShadowAttackStats.Measure(targets, rows, v, attack, metric).Mean).ToArray())).ToList());
}
