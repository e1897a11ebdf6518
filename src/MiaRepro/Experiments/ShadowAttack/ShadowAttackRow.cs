namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>One attack on one target (variant × seed): its decisions' metrics (percent) and threshold-free metrics.</summary>
public sealed record ShadowAttackRow(
    string Variant, int Seed, string Attack, int Members, int NonMembers,
    double Accuracy, double BalancedAccuracy, double Precision, double Recall, double Advantage,
    double Auc, double TprAt1PctFpr, double ClassMeanAccuracy, double OptimisticAccuracy, string Detail)
{
    /// <summary>TPR (%) at each of MembershipReportOptions.MeasuredFprs; empty in rows written before it existed.</summary>
    public IReadOnlyList<TprAtTargetFpr> TprAtFprs { get; init; } = [];

    /// <summary>F1 of the attack's calls, a fraction in [0, 1] as Li et al. report it (precision and recall above are in
    /// percent); null in rows written before it existed.</summary>
    public double? F1 { get; init; }
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
