namespace MiaRepro.Metrics;

/// <summary>
/// An empirical lower bound on the differential-privacy ε of the training run, from one attack's confusion counts
/// (Jagielski et al. 2020, "Auditing differentially private machine learning"; TF Privacy's RatioBound with
/// BoundMethod.CLOPPER_PEARSON, plus Jagielski et al.'s δ):
/// <code>
/// ε_lo = max(0, ln((TPR_lo − δ) / FPR_hi), ln((1 − FPR_hi − δ) / (1 − TPR_lo)))
/// </code>
/// TPR_lo is the lower end of the two-sided Clopper–Pearson interval for TP of the members, FPR_hi the upper end of
/// the one for FP of the non-members, both at confidence 1 − α: α/2 per tail, statsmodels' proportion_confint
/// convention, which TF Privacy uses. The second term is the complementary test ("non-member" as the positive call):
/// TNR_lo / FNR_hi, where Clopper–Pearson's symmetry gives TNR_lo = 1 − FPR_hi and FNR_hi = 1 − TPR_lo exactly.
/// A term whose numerator is ≤ 0 is no evidence and is left out; ε ≥ 0 always holds, so the bound is at least 0.
/// (TP, FN, FP, TN) = (500, 0, 0, 500) at α = 0.01 gives ε_lo = 4.5419 (TF Privacy's test value 4.54); reading α as
/// one-sided (α per tail) would give 4.68 instead. Polarity is fixed (higher score = member), so TF Privacy's
/// reversed-polarity ratios (FPR/TPR, FNR/TNR) are not taken. The bound holds at confidence 1 − α only when the
/// threshold was chosen without looking at these counts.
/// </summary>
public sealed record EpsilonLowerBound(double Epsilon, double Alpha, double Delta)
{
    public static EpsilonLowerBound FromCounts(ConfusionCounts counts, double alpha, double delta = 0)
    {
        if (counts.TruePositives < 0 || counts.FalsePositives < 0 || counts.TrueNegatives < 0 || counts.FalseNegatives < 0)
            throw new ArgumentException($"Confusion counts must not be negative: {counts}.", nameof(counts));
        if (counts.Members == 0 || counts.NonMembers == 0)
            throw new ArgumentException(
                $"An ε lower bound needs both members and non-members; got {counts.Members} member(s) and {counts.NonMembers} non-member(s).", nameof(counts));
        ValidateDelta(delta);
        return FromRateBounds(counts.TprInterval(alpha).Lower, counts.FprInterval(alpha).Upper, alpha, delta);
    }

    /// <summary>The bound from the two Clopper–Pearson ends, for callers that reuse them across thresholds.</summary>
    internal static EpsilonLowerBound FromRateBounds(double tprLow, double fprHigh, double alpha, double delta) =>
        // FPR_hi > 0 and TPR_lo < 1 for any n ≥ 1, so neither denominator is 0.
        new(Math.Max(0, Math.Max(LogRatio(tprLow - delta, fprHigh), LogRatio(1 - fprHigh - delta, 1 - tprLow))), alpha, delta);

    internal static void ValidateDelta(double delta)
    {
        if (!(delta >= 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be in [0, 1).");
    }

    internal static double LogRatio(double numerator, double denominator) => numerator > 0 ? Math.Log(numerator / denominator) : 0;
}
