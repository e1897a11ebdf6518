using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A kde-leak claim's attack rows: every held-out and in-sample metric, and the Wasserstein-1 and KL distances, per
/// target seed. A row's values are its trials, seed after seed, the same count each (KdeLeakRow.Pool), so a seed's value
/// is the mean of its trials — the number attackSeedMeans holds. A row without its seeds belongs to the run's seeds.
/// The attack is "kde"; its loss and leak, the evaluation and λ are facets.
/// </summary>
public static class KdeLeakMeasurements
{
    static readonly (string Property, string Metric)[] Evaluation =
    [
        ("accuracy", "accuracy"), ("tpr", "tpr"), ("fpr", "fpr"), ("tpShare", "tp-share"), ("fpShare", "fp-share"), ("auc", "auc"),
        ("tprAt1PctFpr", MetricUnits.TprAtFpr(0.01)), ("fprFloor", "fpr-floor"), ("fprFloorShare", "fpr-floor-share"),
    ];

    public const string Name = "kde";

    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics, IReadOnlyList<int> runSeeds)
    {
        var models = L2SweepMeasurements.Models(metrics);
        foreach (var r in metrics.GetProperty("attackRows").EnumerateArray())
        {
            var (variant, lambda) = (r.GetProperty("variant").GetString()!, r.GetProperty("lambda").GetDouble());
            var seeds = r.TryGetProperty("seeds", out var s) && s.GetArrayLength() > 0 ? s.EnumerateArray().Select(x => x.GetInt32()).ToArray() : runSeeds.ToArray();
            var (defense, setting) = ClaimScope.L2(lambda);
            var facets = setting.With(Attack(r.GetProperty("loss").GetString()!, r.GetProperty("leakPercent").GetDouble()));
            IEnumerable<(FacetValues Facets, string Metric, JsonElement Stat)> stats =
                new[] { ("heldOut", "held-out"), ("inSample", "in-sample") }.SelectMany(e => Evaluation.Select(m =>
                    (facets.With(Facet.Evaluation, e.Item2), m.Metric, r.GetProperty(e.Item1).GetProperty(m.Property))))
                .Append((facets, "wasserstein", r.GetProperty("wasserstein"))).Append((facets, "kl", r.GetProperty("kl")));
            foreach (var (rowFacets, metric, stat) in stats)
                foreach (var (seed, value) in PerSeed(ClaimScope.Values(stat), seeds, $"{scope.Claim} {variant} {Name} {rowFacets} {metric}"))
                    yield return scope.Row(variant, seed, models.GetValueOrDefault(variant, ""), Name, defense, metric, value, rowFacets);
        }
    }

    /// <summary>The KDE attack's own facets: its loss and the leaked share of members (%).</summary>
    public static FacetValues Attack(string loss, double leakPercent) =>
        FacetValues.None.With(Facet.Loss, loss).With(Facet.Leak, leakPercent);

    /// <summary>Trials split back into seeds; with no seeds known, one pooled value.</summary>
    static IEnumerable<(int? Seed, double Value)> PerSeed(double[] trials, int[] seeds, string what)
    {
        if (seeds.Length == 0)
        {
            yield return (null, trials.Average());
            yield break;
        }
        if (trials.Length % seeds.Length != 0)
            throw new FormatException($"{what}: {trials.Length} trials do not split evenly over seeds {string.Join(", ", seeds)}.");
        var perSeed = trials.Length / seeds.Length;
        for (var i = 0; i < seeds.Length; i++) yield return (seeds[i], trials.Skip(i * perSeed).Take(perSeed).Average());
    }
}
