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

    /// <summary>Two-sided Clopper–Pearson interval for the TPR at confidence 1 − α.</summary>
    public BinomialInterval TprInterval(double alpha) => ClopperPearson.Interval(TruePositives, Members, alpha);

    /// <summary>Two-sided Clopper–Pearson interval for the FPR at confidence 1 − α.</summary>
    public BinomialInterval FprInterval(double alpha) => ClopperPearson.Interval(FalsePositives, NonMembers, alpha);
}
