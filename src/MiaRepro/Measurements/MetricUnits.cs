using System.Globalization;

namespace MiaRepro.Measurements;

/// <summary>
/// The one unit of every metric name, project-wide. Rates, accuracies and AUC are in percent: the papers' tables
/// report them so (AUC too), and most stored results already were (KDE and defense-matrix AUC); only the shadow-attack
/// rows kept AUC in [0, 1], and their extractor converts it. A metric missing here has no unit and is refused.
/// </summary>
public static class MetricUnits
{
    public const string Percent = "%";

    static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["accuracy"] = Percent, ["balanced-accuracy"] = Percent, ["class-mean-accuracy"] = Percent, ["optimistic-accuracy"] = Percent,
        ["train-accuracy"] = Percent, ["test-accuracy"] = Percent, ["gap"] = Percent,
        ["shadow-train-accuracy"] = Percent, ["shadow-test-accuracy"] = Percent,
        ["shadow-unseen-class-accuracy"] = Percent, ["target-unseen-class-accuracy"] = Percent,
        ["tpr"] = Percent, ["fpr"] = Percent, ["precision"] = Percent, ["recall"] = Percent, ["advantage"] = Percent, ["auc"] = Percent,
        ["tp-share"] = Percent, ["fp-share"] = Percent, ["fpr-floor"] = Percent, ["fpr-floor-share"] = Percent,
        [TprAtFpr(0.001)] = Percent, [TprAtFpr(0.01)] = Percent,
        ["f1"] = "fraction",
        ["fitted-a"] = "fraction",   // RMIA offline's a (Pr_IN ≈ a·Pr_OUT + 1 − a), fitted on reference models
        // Wasserstein-1 between loss samples is in the loss's own units (nats for cross-entropy, probability for "probability").
        ["wasserstein"] = "loss units",
        ["kl"] = "nats",
        ["members"] = "examples", ["non-members"] = "examples",
        // A privacy audit (dp-audit): the accountant's ε and the audit's lower bound on it; the one-run guesses.
        ["epsilon-claimed"] = "epsilon", ["epsilon-lower-bound"] = "epsilon",
        ["guesses"] = "canaries", ["correct-guesses"] = "canaries", ["advantage-bound"] = Percent, ["runs"] = "trainings",
    };

    // Per-example detection at an FPR (a lira claim's liraHeavyTail, LiraMeasurements): "<stem>@X%fpr" at any X.
    static readonly Dictionary<string, string> AtFprUnits = new(StringComparer.Ordinal)
    {
        ["tp-count"] = "pairs",
        ["tp-share-top-1pct"] = Percent, ["tp-share-top-1pct-null"] = Percent, ["tp-share-top-1pct-null-q99"] = Percent, ["tp-share-top-1pct-p"] = "p-value",
        ["tp-share-half-detected"] = Percent, ["tp-share-half-detected-null"] = Percent, ["tp-share-half-detected-null-q99"] = Percent,
        ["tp-share-half-detected-p"] = "p-value",
    };

    public static IReadOnlyCollection<string> Known => Units.Keys;

    /// <summary>The unit of <paramref name="metric"/>; an unknown metric is an error naming the known ones.</summary>
    public static string Of(string metric) =>
        Units.TryGetValue(metric, out var unit) ? unit
        : IsTprAtFpr(metric) ? Percent
        : AtFprStem(metric) is { } stem && AtFprUnits.TryGetValue(stem, out var atFpr) ? atFpr
        : throw new ArgumentException($"Metric '{metric}' has no unit. Known metrics: {string.Join(", ", Units.Keys.Order(StringComparer.Ordinal))}, " +
            $"and tpr@X%fpr, {string.Join(", ", AtFprUnits.Keys.Select(k => k + "@X%fpr"))} at any X.", nameof(metric));

    // TPR at any FPR list (MembershipReportOptions.TargetFprs): one name pattern, one unit.
    static bool IsTprAtFpr(string metric) =>
        metric.StartsWith("tpr@", StringComparison.Ordinal) && metric.EndsWith("%fpr", StringComparison.Ordinal)
        && double.TryParse(metric["tpr@".Length..^"%fpr".Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var fpr) && fpr is >= 0 and <= 100;

    /// <summary>The metric name of TPR at a false positive rate given as a fraction: 0.01 → "tpr@1%fpr".</summary>
    public static string TprAtFpr(double fpr) => AtFpr("tpr", fpr);

    /// <summary>A metric measured at a false positive rate given as a fraction: ("tp-count", 0.001) → "tp-count@0.1%fpr".</summary>
    public static string AtFpr(string stem, double fpr) => $"{stem}@{(100 * fpr).ToString("G", CultureInfo.InvariantCulture)}%fpr";

    // "tp-count@0.1%fpr" → "tp-count"; null when the name is not "<stem>@X%fpr" with X a rate in [0, 100].
    static string? AtFprStem(string metric)
    {
        var at = metric.LastIndexOf('@');
        return at > 0 && metric.EndsWith("%fpr", StringComparison.Ordinal)
               && double.TryParse(metric[(at + 1)..^"%fpr".Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var fpr) && fpr is >= 0 and <= 100
            ? metric[..at] : null;
    }
}
