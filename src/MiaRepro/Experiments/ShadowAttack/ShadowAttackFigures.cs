using MiaRepro.Density;
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

    /// <summary>
    /// A metric's seed mean for each attack against the shadows' distillation temperature T (log axis): a T sweep, one
    /// variant per T. Null unless every variant distils (softmax or mi-softmax) at a different T.
    /// </summary>
    public static Figure? MetricVsTemperature(string metric, IReadOnlyList<ExperimentSpec> variants, IReadOnlyList<TargetRow> targets, IReadOnlyList<ShadowAttackRow> rows)
    {
        if (variants.Count < 2 || variants.Any(v => v.Shadows.Construction is not { Distilled: true })) return null;
        var sweep = variants.Select(v => (v.Variant, T: v.Shadows.Construction!.T)).OrderBy(p => p.T).ToList();
        if (sweep.Select(p => p.T).Distinct().Count() != sweep.Count) return null;
        return new($"{metric} against the shadows' temperature T", "temperature T (log axis)", metric,
            rows.Select(r => r.Attack).Distinct().Select(attack => new Series(attack,
                sweep.Select(p => p.T).ToArray(),
                sweep.Select(p => ShadowAttackStats.Measure(targets, rows, p.Variant, attack, metric).Mean).ToArray())).ToList(), LogX: true);
    }

    /// <summary>
    /// Li et al.'s Fig. 6: the density of the loss (−score) of members and of non-members, by a Gaussian KDE (Scott) on
    /// <paramref name="points"/> points from 0 to the 99th percentile of all losses (the long tail of wrong predictions
    /// would flatten the rest). A group whose losses cannot make a KDE (fewer than 2, or all equal) is drawn empty.
    /// </summary>
    public static Figure LossDensity(string title, MembershipScores scores, int points = 200)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "A density curve needs at least 2 points.");
        var losses = scores.Scores.Select(s => -s).ToArray();
        var sorted = losses.Order().ToArray();
        var top = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
        if (!(top > 0)) top = Math.Max(sorted[^1], 1e-6);
        var grid = Enumerable.Range(0, points).Select(i => top * i / (points - 1)).ToArray();

        Series Of(bool member, string label)
        {
            var group = losses.Where((_, i) => scores.IsMember[i] == member).ToArray();
            if (group.Length < 2 || group.Distinct().Count() < 2) return new($"{label} (n={group.Length}, no density)", [], []);
            var kde = new GaussianKde(group, BandwidthRule.Scott, $"{label} losses");
            return new($"{label} (n={group.Length}, median {Median(group):G3})", grid, grid.Select(x => Math.Exp(kde.LogDensity(x))).ToArray());
        }

        return new(title, $"loss −log p_y (0 to the 99th percentile, {top:G3})", "density", [Of(true, "members"), Of(false, "non-members")]);
    }

    static double Median(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
