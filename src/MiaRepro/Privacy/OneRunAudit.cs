using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace MiaRepro.Privacy;

/// <summary>
/// The one-run privacy audit's ε lower bound (Steinke, Nasr &amp; Jagielski 2023, "Privacy Auditing with One (1)
/// Training Run", NeurIPS 2023). m canaries are each included in the one training run independently with
/// probability ½; the auditor guesses in/out for r of them (abstaining on the other m − r) and v guesses are correct.
/// Under (ε, δ)-DP the number of correct guesses is stochastically dominated by that of ε-DP randomized
/// response plus a δ term, so the p-value of "≥ v correct" is at most (the paper's Appendix D, p_value_DP_audit):
/// <code>
/// p(ε, δ) = min(1, P[Bin(r, q) ≥ v] + 2mδ · max_{i=1..v} P[v − i ≤ Bin(r, q) &lt; v] / i),   q = e^ε / (1 + e^ε)
/// </code>
/// At δ = 0 it is the binomial tail alone: each guess is correct with probability ≤ q and the count is stochastically
/// dominated by Bin(r, q). The bound at confidence 1 − β is the ε where p(ε, δ) crosses β (Appendix D's
/// get_eps_audit): every smaller ε is rejected. It is 0 when even p(0, δ) ≥ β (e.g. guesses near chance).
/// The tail is the regularized incomplete beta, P[Bin(r, q) ≥ v] = I_q(v, r − v + 1); the crossing is bracketed by
/// steps of 1 from ε = 1 and bisected to <see cref="Tolerance"/>, as in the paper (which stops after 30 halvings).
/// </summary>
public static class OneRunAudit
{
    public const string Name = "one-run";

    /// <summary>Width of the final bisection bracket in ε; the lower end (whose p-value is &lt; β) is returned.</summary>
    public const double Tolerance = 1e-11;

    /// <summary>p(ε, δ) above: the largest probability of ≥ v correct guesses out of r, m canaries, under (ε, δ)-DP.</summary>
    public static double PValue(int m, int r, int v, double epsilon, double delta)
    {
        Validate(m, r, v, delta);
        PrivacyArguments.Epsilon(epsilon);
        return PValueUnchecked(m, r, v, epsilon, delta);
    }

    /// <summary>ε_lo at confidence 1 − β: the algorithm that produced these guesses is not (ε, δ)-DP for any ε &lt; ε_lo.</summary>
    public static double EpsilonLowerBound(int m, int r, int v, double delta, double beta)
    {
        Validate(m, r, v, delta);
        PrivacyArguments.Beta(beta);
        if (PValueUnchecked(m, r, v, 0, delta) >= beta) return 0;
        double lo = 0, hi = 1; // p(lo) < β ≤ p(hi)
        while (PValueUnchecked(m, r, v, hi, delta) < beta) { lo = hi; hi += 1; }
        while (hi - lo > Tolerance)
        {
            var mid = 0.5 * (lo + hi);
            if (PValueUnchecked(m, r, v, mid, delta) < beta) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The bound from the guesses of <see cref="OneRunGuesses.FromScores"/>.</summary>
    public static double EpsilonLowerBound(OneRunGuesses guesses, double delta, double beta) =>
        EpsilonLowerBound(guesses.Canaries, guesses.Guesses, guesses.Correct, delta, beta);

    static double PValueUnchecked(int m, int r, int v, double epsilon, double delta)
    {
        if (v == 0) return 1;
        var q = 1 / (1 + Math.Exp(-epsilon)); // accuracy of ε-DP randomized response
        var tail = SpecialFunctions.BetaRegularized(v, r - v + 1, q); // P[Bin(r, q) ≥ v]
        if (delta == 0) return Math.Min(1, tail);
        double alpha = 0, below = 0; // below = P[v − i ≤ Bin(r, q) < v]
        for (var i = 1; i <= v; i++)
        {
            below += Binomial.PMF(q, r, v - i);
            alpha = Math.Max(alpha, below / i);
        }
        return Math.Min(1, tail + alpha * delta * 2 * m);
    }

    static void Validate(int m, int r, int v, double delta)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, $"m (canaries) must be ≥ 1, got {m}.");
        if (r < 0 || r > m) throw new ArgumentOutOfRangeException(nameof(r), r, $"r (guesses) must be in [0, m] = [0, {m}], got {r}.");
        if (v < 0 || v > r) throw new ArgumentOutOfRangeException(nameof(v), v, $"v (correct guesses) must be in [0, r] = [0, {r}], got {v}.");
        PrivacyArguments.AuditDelta(delta);
    }
}
