
namespace MiaRepro.Metrics;

/// <summary>
/// Everything reported for one attack on one evaluation set: the single place later code gets its metrics from.
/// Fields named Optimistic use a threshold chosen on this same set (the best one after looking), so they overstate
/// what the attack would achieve with a threshold fixed in advance.
/// </summary>
public sealed record MembershipReport(
    int Members,
    int NonMembers,
    double Auc,
    BootstrapInterval? AucInterval,
    IReadOnlyList<OperatingPoint> TprAtFpr,
    ThresholdMetrics OptimisticBest,
    EpsilonLowerBound OptimisticEpsilon)
{
    /// <summary>Balanced accuracy at the optimistic best threshold.</summary>
    public double OptimisticBalancedAccuracy => OptimisticBest.BalancedAccuracy;

    /// <summary>Membership advantage max(TPR − FPR) over thresholds on this set.</summary>
    public double OptimisticAdvantage => OptimisticBest.Advantage;

    /// <summary>The TPR at a target FPR the report was made for.</summary>
    public double TprAt(double targetFpr) =>
        TprAtFpr.FirstOrDefault(p => p.TargetFpr == targetFpr)?.Tpr
        ?? throw new ArgumentException($"The report has TPR at FPR {string.Join(", ", TprAtFpr.Select(p => p.TargetFpr))}, not at {targetFpr}.", nameof(targetFpr));

    public static MembershipReport From(MembershipScores scores, MembershipReportOptions? options = null)
    {
        options ??= new();
        var roc = RocCurve.From(scores);
        return new(
            roc.Members,
            roc.NonMembers,
            roc.Auc,
            options.BootstrapResamples > 0 ? Bootstrap.AucInterval(scores, options.BootstrapResamples, options.Alpha, options.Seed) : null,
            options.TargetFprs.Select(f => OperatingPoint.At(roc, f, options.Alpha)).ToList(),
            ThresholdMetrics.AtOptimisticBestThreshold(roc),
            OptimisticEpsilonOver(roc, options.Alpha, options.Delta));
    }

    /// <summary>
    /// The largest ε lower bound over every threshold of the curve (TF Privacy's EpsilonLowerBound, top 1): the
    /// maximum is taken after looking, so it is not a (1 − α)-confidence bound. Clopper–Pearson ends are cached per count.
    /// </summary>
    static EpsilonLowerBound OptimisticEpsilonOver(RocCurve roc, double alpha, double delta)
    {
        EpsilonLowerBound.ValidateDelta(delta);
        // TPR_lo depends only on TP and FPR_hi only on FP: one Beta inversion per distinct count, not per point.
        var tprLow = new Dictionary<int, double>();
        var fprHigh = new Dictionary<int, double>();
        var best = new EpsilonLowerBound(0, alpha, delta);
        foreach (var p in roc.Points)
        {
            if (!tprLow.TryGetValue(p.TruePositives, out var t))
                tprLow[p.TruePositives] = t = ClopperPearson.Interval(p.TruePositives, roc.Members, alpha).Lower;
            if (!fprHigh.TryGetValue(p.FalsePositives, out var f))
                fprHigh[p.FalsePositives] = f = ClopperPearson.Interval(p.FalsePositives, roc.NonMembers, alpha).Upper;
            var bound = EpsilonLowerBound.FromRateBounds(t, f, alpha, delta);
            if (bound.Epsilon > best.Epsilon) best = bound;
        }
        return best;
    }
}
