using MiaRepro.Measurements;
using System.Text.Json.Serialization;
using MiaRepro.Attacks;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// The KDE attack evaluated on one set (held-out or in-sample), over trials, all in %. Rates are per class (TPR over
/// members, FPR over non-members). Shares are the authors' heat-map cells: each count over the whole evaluation set
/// (their plot_confusion_matrix divides by the sum of all four cells), so on a balanced set TP share = TPR/2.
/// <see cref="FprFloor"/>: the lowest FPR the attack's ROC reaches while keeping ≥ <see cref="FloorTprKept"/> of the
/// TPR of its 0.5 rule — how far a stricter threshold can push false positives down "without losing TPR" — as a rate
/// and, in the paper's units, as a share of the evaluation set. Advantage = TPR − FPR per trial.
/// </summary>
public sealed record KdeEvaluation(Stat Accuracy, Stat Tpr, Stat Fpr, Stat TpShare, Stat FpShare, Stat Auc, Stat TprAt1PctFpr, Stat FprFloor, Stat FprFloorShare,
    MeanConfusion Counts)
{
    public const double FloorTprKept = 0.95;

    /// <summary>One trial's numbers: decisions from the 0.5 rule on <paramref name="scores"/>, ROC from <paramref name="ranking"/>.</summary>
    public sealed record Trial(double Accuracy, double Tpr, double Fpr, double TpShare, double FpShare, double Auc, double TprAt1PctFpr, double FprFloor, double FprFloorShare,
        ConfusionCounts Counts)
    {
        public static Trial Of(MembershipScores scores, MembershipScores ranking)
        {
            var c = ConfusionCounts.Above(scores, KdeGreyBoxAttack.Threshold);
            var roc = RocCurve.From(ranking);
            var floor = roc.Points.Where(p => p.Tpr >= FloorTprKept * c.Tpr).Min(p => p.Fpr);
            return new(100 * c.Accuracy, 100 * c.Tpr, 100 * c.Fpr, 100.0 * c.TruePositives / c.Total, 100.0 * c.FalsePositives / c.Total,
                100 * roc.Auc, 100 * roc.TprAtFpr(0.01), 100 * floor, 100 * floor * c.NonMembers / c.Total, c);
        }
    }

    public static KdeEvaluation Of(IReadOnlyList<Trial> t) => new(
        Stat.Of(t.Select(x => x.Accuracy)), Stat.Of(t.Select(x => x.Tpr)), Stat.Of(t.Select(x => x.Fpr)),
        Stat.Of(t.Select(x => x.TpShare)), Stat.Of(t.Select(x => x.FpShare)), Stat.Of(t.Select(x => x.Auc)),
        Stat.Of(t.Select(x => x.TprAt1PctFpr)), Stat.Of(t.Select(x => x.FprFloor)), Stat.Of(t.Select(x => x.FprFloorShare)),
        new MeanConfusion(t.Average(x => x.Counts.TruePositives), t.Average(x => x.Counts.FalseNegatives),
            t.Average(x => x.Counts.FalsePositives), t.Average(x => x.Counts.TrueNegatives)));

    /// <summary>Several targets' evaluations as one: every statistic over all their trials (in order), the confusion
    /// counts averaged.</summary>
    public static KdeEvaluation Pool(IReadOnlyList<KdeEvaluation> e) => new(
        Stat.Concat(e.Select(x => x.Accuracy)), Stat.Concat(e.Select(x => x.Tpr)), Stat.Concat(e.Select(x => x.Fpr)),
        Stat.Concat(e.Select(x => x.TpShare)), Stat.Concat(e.Select(x => x.FpShare)), Stat.Concat(e.Select(x => x.Auc)),
        Stat.Concat(e.Select(x => x.TprAt1PctFpr)), Stat.Concat(e.Select(x => x.FprFloor)), Stat.Concat(e.Select(x => x.FprFloorShare)),
        new MeanConfusion(e.Average(x => x.Counts.TruePositives), e.Average(x => x.Counts.FalseNegatives),
            e.Average(x => x.Counts.FalsePositives), e.Average(x => x.Counts.TrueNegatives)));

    /// <summary>A metric by its experiment-file name.</summary>
    public Stat Get(string metric) => metric switch
    {
        "accuracy" => Accuracy, "tpr" => Tpr, "fpr" => Fpr, "tp-share" => TpShare, "fp-share" => FpShare,
        "auc" => Auc, _ when metric == MetricUnits.TprAtFpr(0.01) => TprAt1PctFpr, "fpr-floor" => FprFloor, "fpr-floor-share" => FprFloorShare,
        "advantage" => Stat.Of(Tpr.Values.Zip(Fpr.Values, (tpr, fpr) => tpr - fpr)),
        _ => throw new ArgumentException($"Unknown KDE evaluation metric '{metric}'."),
    };

    [JsonIgnore] public static readonly string[] Metrics = ["accuracy", "tpr", "fpr", "tp-share", "fp-share", "advantage", "auc", MetricUnits.TprAtFpr(0.01), "fpr-floor", "fpr-floor-share"];
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
