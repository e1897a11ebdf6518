using System.Text.Json.Serialization;

namespace MiaRepro.Metrics;

/// <summary>
/// The attack at a target false positive rate: the ROC point behind <see cref="RocCurve.TprAtFpr"/> for
/// <see cref="TargetFpr"/>, its counts, and Clopper–Pearson intervals for its TPR and FPR at confidence 1 − α.
/// </summary>
public sealed record OperatingPoint(
    double TargetFpr,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Threshold,
    ConfusionCounts Counts,
    BinomialInterval TprInterval,
    BinomialInterval FprInterval)
{
    public double Tpr => Counts.Tpr;
    public double Fpr => Counts.Fpr;

    public static OperatingPoint At(RocCurve roc, double targetFpr, double alpha)
    {
        var point = roc.PointAtFpr(targetFpr);
        var counts = ThresholdMetrics.At(roc, point).Counts;
        return new(targetFpr, point.Threshold, counts, counts.TprInterval(alpha), counts.FprInterval(alpha));
    }
}
