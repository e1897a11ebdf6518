using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// A kde-leak run's attack measurements: every metric the rows hold by name (held-out and in-sample, and the leak's
/// distances), per target seed, with no mapping per metric. A pooled row's values are its trials, seed after seed, the same count each (<see cref="KdeLeakRow.Pool"/>),
/// so a seed's value is the mean of its trials. The attack is "kde"; its loss and leak, the evaluation and λ are facets.
/// </summary>
static class KdeLeakMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, IReadOnlyList<ExperimentSpec> variants, IEnumerable<KdeLeakRow> pooledRows)
    {
        var models = SweepTargets.SweepMeasurements.Models(variants);
        foreach (var r in pooledRows)
        {
            var (defense, setting) = ClaimScope.L2(r.Lambda);
            var facets = setting.With(KdeAttackName.Facets(r.Loss, r.LeakPercent));
            var stats = new[] { (r.HeldOut, "held-out"), (r.InSample, "in-sample") }
                .SelectMany(e => e.Item1.Metrics.Select(m => (Facets: facets.With(Facet.Evaluation, e.Item2), m.Metric, m.Stat)))
                .Concat(r.Metrics.Select(m => (Facets: facets, m.Metric, m.Stat)));
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
