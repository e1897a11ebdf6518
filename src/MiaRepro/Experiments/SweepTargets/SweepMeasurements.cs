using MiaRepro.Measurements;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>The sweep's targets as measurements: train and test accuracy and their gap per variant × λ × seed. The
/// target is the variant's model; λ is a facet (defense "l2", or "none" at λ = 0).</summary>
public static class SweepMeasurements
{
    public static IEnumerable<Measurement> Targets(ClaimScope scope, IReadOnlyList<ExperimentSpec> variants, IEnumerable<SweepCell> cells)
    {
        var models = Models(variants);
        foreach (var c in cells)
        {
            var (defense, facets) = ClaimScope.L2(c.Lambda);
            foreach (var (metric, value) in new[] { ("train-accuracy", c.TrainAccuracy), ("test-accuracy", c.TestAccuracy), ("gap", c.TrainAccuracy - c.TestAccuracy) })
                yield return scope.Row(c.Variant, c.Seed, models[c.Variant], "", defense, metric, value, facets);
        }
    }

    /// <summary>Variant name → its model ("LeNet5(average pooling)"), the target of its rows.</summary>
    public static IReadOnlyDictionary<string, string> Models(IReadOnlyList<ExperimentSpec> variants) =>
        variants.ToDictionary(v => v.Variant, v => v.Model.ToString());
}
