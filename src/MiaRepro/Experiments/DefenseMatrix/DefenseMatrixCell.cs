using MiaRepro.Measurements;
namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>One attack against one defense (variant, seed 0 of the experiment): its metrics over trials, named and in
/// the units of MetricUnits (held-out accuracy and advantage TPR − FPR at the attack's own decision rule, AUC and TPR at
/// each measured FPR of its ranking; all in %). <see cref="NotApplicable"/> says why a cell has no numbers (e.g.
/// constant losses leave a KDE undefined).</summary>
public sealed record DefenseMatrixCell(string Variant, string Defense, string Attack, IReadOnlyList<MetricStat> Metrics, string? NotApplicable = null)
{
    /// <summary>A metric over trials by its name; null where the cell has no numbers or no such metric.</summary>
    public Metrics.Stat? this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Stat;
}

/// <summary>A defense's utility cost: the released output's train and test accuracy (%), beside the undefended target's.</summary>
public sealed record DefenseUtility(string Variant, string Defense, double TrainAccuracy, double TestAccuracy);
