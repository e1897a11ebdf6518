using MiaRepro.Measurements;
using MiaRepro.Attacks;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// The KDE attack evaluated on one set (held-out or in-sample), over trials, all in %, each metric by its MetricUnits
/// name (<see cref="MetricStat"/>) so that it becomes a measurement with no mapping of its own. Rates are per class (TPR
/// over members, FPR over non-members). Shares are the authors' heat-map cells: each count over the whole evaluation set
/// (their plot_confusion_matrix divides by the sum of all four cells), so on a balanced set TP share = TPR/2.
/// fpr-floor: the lowest FPR the attack's ROC reaches while keeping ≥ <see cref="FloorTprKept"/> of the TPR of its 0.5
/// rule — how far a stricter threshold can push false positives down "without losing TPR" — as a rate and, in the
/// paper's units, as a share of the evaluation set (fpr-floor-share).
/// </summary>
public sealed record KdeEvaluation(IReadOnlyList<MetricStat> Metrics, MeanConfusion Counts)
{
    public const double FloorTprKept = 0.95;

    /// <summary>A metric by its name; one the evaluation does not hold is an error naming those it does.</summary>
    public Stat this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Stat
        ?? throw new ArgumentException($"No KDE evaluation metric '{metric}'. It has: {string.Join(", ", Metrics.Select(m => m.Metric))}.");

    /// <summary>One trial's numbers: decisions from the 0.5 rule on <paramref name="scores"/>, ROC from <paramref name="ranking"/>.</summary>
    public sealed record Trial(IReadOnlyList<MetricValue> Metrics, ConfusionCounts Counts)
    {
        /// <summary>A new metric of the KDE attack is one line here (and its unit in MetricUnits).</summary>
        public static Trial Of(MembershipScores scores, MembershipScores ranking)
        {
            var c = ConfusionCounts.Above(scores, KdeGreyBoxAttack.Threshold);
            var roc = RocCurve.From(ranking);
            var floor = roc.Points.Where(p => p.Tpr >= FloorTprKept * c.Tpr).Min(p => p.Fpr);
            return new(
            [
                new("accuracy", 100 * c.Accuracy), new("tpr", 100 * c.Tpr), new("fpr", 100 * c.Fpr),
                new("tp-share", 100.0 * c.TruePositives / c.Total), new("fp-share", 100.0 * c.FalsePositives / c.Total),
                new("auc", 100 * roc.Auc), new(MetricUnits.TprAtFpr(0.01), 100 * roc.TprAtFpr(0.01)),
                new("fpr-floor", 100 * floor), new("fpr-floor-share", 100 * floor * c.NonMembers / c.Total),
            ], c);
        }
    }

    /// <summary>Each metric over the trials, in the trials' order of metrics.</summary>
    public static KdeEvaluation Of(IReadOnlyList<Trial> t) => new(
        t[0].Metrics.Select((m, i) => new MetricStat(m.Metric, Stat.Of(t.Select(x => x.Metrics[i].Value)))).ToList(),
        new MeanConfusion(t.Average(x => x.Counts.TruePositives), t.Average(x => x.Counts.FalseNegatives),
            t.Average(x => x.Counts.FalsePositives), t.Average(x => x.Counts.TrueNegatives)));

    /// <summary>Several targets' evaluations as one: every statistic over all their trials (in order), the confusion
    /// counts averaged.</summary>
    public static KdeEvaluation Pool(IReadOnlyList<KdeEvaluation> e) => new(
        e[0].Metrics.Select(m => new MetricStat(m.Metric, Stat.Concat(e.Select(x => x[m.Metric])))).ToList(),
        new MeanConfusion(e.Average(x => x.Counts.TruePositives), e.Average(x => x.Counts.FalseNegatives),
            e.Average(x => x.Counts.FalsePositives), e.Average(x => x.Counts.TrueNegatives)));
}

/// <summary>Confusion counts averaged over trials (the authors' "averaged confusion matrix"), member = positive.</summary>
public sealed record MeanConfusion(double TruePositives, double FalseNegatives, double FalsePositives, double TrueNegatives)
{
    /// <summary>[[TP, FN], [FP, TN]] as % of all four: the authors' heat map.</summary>
    public double[][] SharesOfAll()
    {
        var total = TruePositives + FalseNegatives + FalsePositives + TrueNegatives;
        return [[100 * TruePositives / total, 100 * FalseNegatives / total], [100 * FalsePositives / total, 100 * TrueNegatives / total]];
    }
}
