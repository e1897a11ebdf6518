using MiaRepro.Measurements;
using MiaRepro.Metrics;
namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>Seed statistics of a shadow-attack run's rows, for its summary and figures (checks read the measurements).</summary>
public static class ShadowAttackStats
{
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
        return Stat.Of(a.Select(r => r[metric]));
    }
}
