
namespace MiaRepro.Metrics;

/// <summary>
/// An attack's decisions at one threshold against the true membership: members called members (TP), non-members
/// called members (FP), non-members called non-members (TN), members called non-members (FN).
/// </summary>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public int Members => TruePositives + FalseNegatives;
    public int NonMembers => FalsePositives + TrueNegatives;
    public int Total => Members + NonMembers;

    /// <summary>TP / members (recall).</summary>
    public double Tpr => (double)TruePositives / Members;

    /// <summary>FP / non-members.</summary>
    public double Fpr => (double)FalsePositives / NonMembers;

    public double Tnr => (double)TrueNegatives / NonMembers;
    public double Fnr => (double)FalseNegatives / Members;
    public double Accuracy => (double)(TruePositives + TrueNegatives) / Total;

    /// <summary>Calls with a strict rule, member iff score &gt; threshold (Bîndilă et al.'s "ratio &gt; 0.5");
    /// <see cref="ThresholdMetrics"/> uses score ≥ threshold, the ROC convention.</summary>
    public static ConfusionCounts Above(MembershipScores scores, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Scores.Length; i++)
        {
            var called = scores.Scores[i] > threshold;
            if (scores.IsMember[i]) { if (called) tp++; else fn++; }
            else if (called) fp++;
            else tn++;
        }
        return new(tp, fp, tn, fn);
    }

    /// <summary>Two-sided Clopper–Pearson interval for the TPR at confidence 1 − α.</summary>
    public BinomialInterval TprInterval(double alpha) => ClopperPearson.Interval(TruePositives, Members, alpha);

    /// <summary>Two-sided Clopper–Pearson interval for the FPR at confidence 1 − α.</summary>
    public BinomialInterval FprInterval(double alpha) => ClopperPearson.Interval(FalsePositives, NonMembers, alpha);
}
