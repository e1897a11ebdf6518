using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// A kde-leak run's attack measurements: every held-out and in-sample metric, and the Wasserstein-1 and KL distances, per
/// target seed. A pooled row's values are its trials, seed after seed, the same count each (<see cref="KdeLeakRow.Pool"/>),
/// so a seed's value is the mean of its trials. The attack is "kde"; its loss and leak, the evaluation and λ are facets.
/// </summary>
static class KdeLeakMeasurements
{
    static readonly (string Metric, Func<KdeEvaluation, Stat> Of)[] Evaluation =
    [
        ("accuracy", e => e.Accuracy), ("tpr", e => e.Tpr), ("fpr", e => e.Fpr), ("tp-share", e => e.TpShare), ("fp-share", e => e.FpShare),
        ("auc", e => e.Auc), (MetricUnits.TprAtFpr(0.01), e => e.TprAt1PctFpr), ("fpr-floor", e => e.FprFloor), ("fpr-floor-share", e => e.FprFloorShare),
    ];

    public static IEnumerable<Measurement> From(ClaimScope scope, IReadOnlyList<ExperimentSpec> variants, IEnumerable<KdeLeakRow> pooledRows)
    {
        var models = SweepTargets.SweepMeasurements.Models(variants);
        foreach (var r in pooledRows)
        {
            var (defense, setting) = ClaimScope.L2(r.Lambda);
            var facets = setting.With(KdeAttackName.Facets(r.Loss, r.LeakPercent));
            IEnumerable<(FacetValues Facets, string Metric, Stat Stat)> stats =
                new[] { (r.HeldOut, "held-out"), (r.InSample, "in-sample") }.SelectMany(e => Evaluation.Select(m =>
                    (facets.With(Facet.Evaluation, e.Item2), m.Metric, m.Of(e.Item1))))
                .Append((facets, "wasserstein", r.Wasserstein)).Append((facets, "kl", r.Kl));
            foreach (var (rowFacets, metric, stat) in stats)
                foreach (var (seed, value) in PerSeed(stat.Values, r.Seeds, $"{scope.Claim} {r.Variant} {KdeAttackName.Name} {rowFacets} {metric}"))
                    yield return scope.Row(r.Variant, seed, models[r.Variant], KdeAttackName.Name, defense, metric, value, rowFacets);
        }
    }

    /// <summary>Trials split back into seeds.</summary>
    static IEnumerable<(int Seed, double Value)> PerSeed(double[] trials, int[] seeds, string what)
    {
        if (seeds.Length == 0 || trials.Length % seeds.Length != 0)
            throw new InvalidOperationException($"{what}: {trials.Length} trials do not split evenly over seeds {string.Join(", ", seeds)}.");
        var perSeed = trials.Length / seeds.Length;
        for (var i = 0; i < seeds.Length; i++) yield return (seeds[i], trials.Skip(i * perSeed).Take(perSeed).Average());
    }
}
