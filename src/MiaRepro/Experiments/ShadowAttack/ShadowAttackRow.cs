using MiaRepro.Measurements;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>One attack on one target (variant × seed): its metrics in the order measured, each named and in the unit
/// of <see cref="MetricUnits"/> (percent; F1 a fraction as Li et al. report it), and how the attack was built.</summary>
public sealed record ShadowAttackRow(string Variant, int Seed, string Attack, IReadOnlyList<MetricValue> Metrics, string Detail)
{
    /// <summary>A metric by its name; one the row does not hold is an error naming those it does.</summary>
    public double this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Value
        ?? throw new ArgumentException($"{Variant} seed {Seed} {Attack}: no metric '{metric}'. It has: {string.Join(", ", Metrics.Select(m => m.Metric))}.");
}

/// <summary>A target (variant × seed): its accuracies, its shadows' mean accuracies, what was cached.</summary>
public sealed record TargetRow(string Variant, int Seed, double TrainAccuracy, double TestAccuracy, double ShadowTrainAccuracy,
    double ShadowTestAccuracy, int ModelsTrained, int ModelsCached)
{
    public double Gap => TrainAccuracy - TestAccuracy;

    /// <summary>With shadows:withoutClasses, the shadows' mean accuracy (%) on the dataset's test images of those
    /// classes, which no shadow trained on (Li et al. Table 2); null otherwise.</summary>
    public double? ShadowUnseenClassAccuracy { get; init; }

    /// <summary>The target's accuracy (%) on the same images (it trained on the classes), for reference; null otherwise.</summary>
    public double? TargetUnseenClassAccuracy { get; init; }
}
