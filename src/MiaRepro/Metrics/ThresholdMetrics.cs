using System.Text.Json.Serialization;

namespace MiaRepro.Metrics;

/// <summary>
/// An attack used as a classifier at one threshold: member iff score ≥ <see cref="Threshold"/>.
/// Precision with no example called member (TP + FP = 0) is 0, and so is F1 then: sklearn's result with
/// zero_division=0 (its default also returns 0, with a warning).
/// </summary>
public sealed record ThresholdMetrics(
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Threshold, ConfusionCounts Counts)
{
    public double Accuracy => (double)(Counts.TruePositives + Counts.TrueNegatives) / Counts.Total;

    /// <summary>Mean of TPR and TNR (sklearn's balanced_accuracy_score): 0.5 for a coin flip at any class balance.</summary>
    public double BalancedAccuracy => (Tnr + Recall) / 2;

    public double Precision => Counts.TruePositives + Counts.FalsePositives == 0 ? 0 : (double)Counts.TruePositives / (Counts.TruePositives + Counts.FalsePositives);
    public double Recall => Counts.Tpr;
    public double Fpr => Counts.Fpr;
    double Tnr => (double)Counts.TrueNegatives / Counts.NonMembers;

    /// <summary>2·TP / (2·TP + FP + FN): the harmonic mean of precision and recall, 0 when TP = 0.</summary>
    public double F1 => 2.0 * Counts.TruePositives / (2.0 * Counts.TruePositives + Counts.FalsePositives + Counts.FalseNegatives);

    /// <summary>Membership advantage TPR − FPR (Yeom et al.): 0 for a coin flip, 1 for a perfect attack.</summary>
    public double Advantage => Recall - Fpr;

    public static ThresholdMetrics At(MembershipScores scores, double threshold)
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("The threshold is NaN.", nameof(threshold));
        EvaluationSet.RequireBothClasses(scores, "Threshold metrics");
        int tp = 0, fp = 0;
        for (var i = 0; i < scores.Scores.Length; i++)
            if (scores.Scores[i] >= threshold)
            {
                if (scores.IsMember[i]) tp++; else fp++;
            }
        return new(threshold, new(tp, fp, scores.NonMembers - fp, scores.Members - tp));
    }

    public static ThresholdMetrics At(RocCurve roc, RocPoint point) =>
        new(point.Threshold, new(point.TruePositives, point.FalsePositives, roc.NonMembers - point.FalsePositives, roc.Members - point.TruePositives));

    /// <summary>
    /// The threshold with the highest balanced accuracy (equivalently the highest advantage) on these same examples,
    /// searched over every distinct score and +∞; of equals, the highest threshold. Optimistic: the threshold is
    /// fitted to the set it is scored on, so the balanced accuracy and advantage are biased upwards.
    /// </summary>
    public static ThresholdMetrics AtOptimisticBestThreshold(RocCurve roc)
    {
        // Maximise TPR − FPR as TP·N − FP·P in integers, so ties are exact and the choice is deterministic.
        var best = roc.Points[0];
        var bestGain = 0L;
        foreach (var p in roc.Points)
        {
            var gain = (long)p.TruePositives * roc.NonMembers - (long)p.FalsePositives * roc.Members;
            if (gain > bestGain) (best, bestGain) = (p, gain);
        }
        return At(roc, best);
    }

    public static ThresholdMetrics AtOptimisticBestThreshold(MembershipScores scores) => AtOptimisticBestThreshold(RocCurve.From(scores));
}
