using MiaRepro.Measurements;
using MiaRepro.Metrics;
namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>One attack against one defense (variant, seed 0 of the experiment), over trials, in % (AUC too): held-out
/// accuracy and advantage (TPR − FPR) at the attack's own decision rule, AUC and TPR at 1% FPR of its ranking.
/// <see cref="NotApplicable"/> says why a cell has no numbers (e.g. constant losses leave a KDE undefined).</summary>
public sealed record DefenseMatrixCell(string Variant, string Defense, string Attack, Stat? Accuracy, Stat? Advantage, Stat? Auc, Stat? TprAt1PctFpr,
    string? NotApplicable = null)
{
    /// <summary>TPR (%) over trials at each of MembershipReportOptions.MeasuredFprs; empty where the cell has no numbers
    /// and in cells written before the list existed.</summary>
    public IReadOnlyList<TprAtTargetFprStat> TprAtFprs { get; init; } = [];

    public Stat? Get(string metric) => metric switch
    {
        "accuracy" => Accuracy, "advantage" => Advantage, "auc" => Auc, _ when metric == MetricUnits.TprAtFpr(0.01) => TprAt1PctFpr,
        _ => throw new ArgumentException($"Unknown defense-matrix metric '{metric}': use accuracy, advantage, auc or {MetricUnits.TprAtFpr(0.01)}."),
    };
}

/// <summary>A defense's utility cost: the released output's train and test accuracy (%), beside the undefended target's.</summary>
public sealed record DefenseUtility(string Variant, string Defense, double TrainAccuracy, double TestAccuracy);
