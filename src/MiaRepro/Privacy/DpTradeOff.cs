namespace MiaRepro.Privacy;

/// <summary>
/// What (ε, δ)-DP allows any membership test (Kairouz et al. 2015; Tramèr's lecture §4): TPR ≤ e^ε·FPR + δ for
/// neighbours by adding or removing one example, the adjacency the accountants report. A test whose OUT models train
/// on the IN set with the example replaced by another (LiRA's balanced halves) compares replacement neighbours, which
/// add/remove (ε, δ)-DP covers as (2ε, (1 + e^ε)δ): remove the example, then add the other.
/// </summary>
public static class DpTradeOff
{
    public static double MaxTpr(double epsilon, double delta, double fpr)
    {
        PrivacyArguments.Epsilon(epsilon);
        PrivacyArguments.AuditDelta(delta);
        if (!(fpr >= 0 && fpr <= 1)) throw new ArgumentOutOfRangeException(nameof(fpr), fpr, "fpr must be in [0, 1].");
        return Math.Min(1, Math.Exp(epsilon) * fpr + delta);
    }

    public static double MaxTprReplaceOne(double epsilon, double delta, double fpr) =>
        MaxTpr(2 * epsilon, (1 + Math.Exp(epsilon)) * delta, fpr);
}
