
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

    public static MembershipReport From(MembershipScores scores, MembershipReportOptions? options = null) =>
        From(scores, RocCurve.From(scores), options);

    /// <summary>The report from a curve already built from <paramref name="scores"/> (a many-model curve costs a sort
    /// of M·N scores; the caller draws it too).</summary>
    public static MembershipReport From(MembershipScores scores, RocCurve roc, MembershipReportOptions? options = null)
    {
        options ??= new();
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
        double TprLow(int tp) => tprLow.TryGetValue(tp, out var t) ? t : tprLow[tp] = ClopperPearson.Interval(tp, roc.Members, alpha).Lower;
        double FprHigh(int fp) => fprHigh.TryGetValue(fp, out var f) ? f : fprHigh[fp] = ClopperPearson.Interval(fp, roc.NonMembers, alpha).Upper;
        // Even so a curve of M·N scores has ~10⁵ distinct counts, and each inversion is a root search. A bound from the
        // point estimates (TPR_lo ≤ TP/m, FPR_hi ≥ max(FP/n, FPR_hi at 0)) caps each point's ε: points are visited from
        // the highest cap down and the search stops once no cap can beat the best found — the same maximum.
        var (hiAtZero, loAtAll) = (FprHigh(0), TprLow(roc.Members));
        double Cap(RocPoint p)
        {
            var (tpr, fpr) = ((double)p.TruePositives / roc.Members, (double)p.FalsePositives / roc.NonMembers);
            return Math.Max(EpsilonLowerBound.LogRatio(tpr - delta, Math.Max(fpr, hiAtZero)), EpsilonLowerBound.LogRatio(1 - fpr - delta, Math.Max(1 - tpr, 1 - loAtAll)));
        }
        var best = new EpsilonLowerBound(0, alpha, delta);
        foreach (var (p, cap) in roc.Points.Select(p => (p, Cap(p))).OrderByDescending(c => c.Item2))
        {
            if (cap < best.Epsilon - 1e-12) break;   // the slack covers rounding in the caps
            var bound = EpsilonLowerBound.FromRateBounds(TprLow(p.TruePositives), FprHigh(p.FalsePositives), alpha, delta);
            if (bound.Epsilon > best.Epsilon) best = bound;
        }
        return best;
    }
}
