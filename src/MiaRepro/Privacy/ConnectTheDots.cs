using MathNet.Numerics;

namespace MiaRepro.Privacy;

/// <summary>
/// Pessimistic discretisation of a privacy loss distribution onto the grid ℓ_j = (k₀ + j)·h, j = 0..n, by
/// "connect the dots" (Doroshenko, Ghazi, Kamath, Kumar &amp; Manurangsi 2022, Algorithm 1; Google dp_accounting's
/// default). Each bucket [ℓ_j, ℓ_{j+1}] of the true distribution, with P-mass a and Q-mass b = E_P[e^(−L); bucket],
/// is split between its two ends so that both masses are kept:
///     m_{j+1} = (a − b·e^(ℓ_j)) / (1 − e^(−h)),   m_j = a − m_{j+1}.
/// Why this over-reports: the δ(ε) of any composition is E[(1 − e^ε·Π_i e^(−L_i))₊] over the steps' losses, convex
/// in each e^(−L_i); the split spreads a bucket's e^(−L) to the bucket's ends keeping its mean, which by Jensen can
/// only raise δ (their Theorem: the discrete pair dominates), and it keeps one step's δ exact at every grid ε.
/// Its error is second order in h, where rounding every loss up (privacy buckets) is first order: rounding
/// up shifts T composed steps by up to T·h, 0.225 in ε at the 2,250 steps and h = 1e-4.
/// Tails: loss below ℓ₀ is moved up to ℓ₀ (pessimistic: δ only grows with the loss); above ℓ_n the mass is split
/// between ℓ_n and +∞ keeping both masses (+∞ gets a − b·e^(ℓ_n) = that tail's δ(ℓ_n)).
/// This computes the same distribution as dp_accounting's create_pmf_pessimistic_connect_dots from δ(ε_i) differences,
/// but from each bucket's own masses, which keeps small buckets' relative precision.
/// </summary>
internal static class ConnectTheDots
{
    /// <param name="interval">h.</param>
    /// <param name="lowestIndex">k₀.</param>
    /// <param name="pMass">P-mass of bucket [ℓ_j, ℓ_{j+1}], j = 0..n−1.</param>
    /// <param name="qMass">Q-mass of the same buckets.</param>
    /// <param name="pBelow">P-mass with loss below ℓ₀.</param>
    /// <param name="pAbove">P-mass with loss above ℓ_n.</param>
    /// <param name="qAbove">Q-mass with loss above ℓ_n.</param>
    public static PrivacyLossPmf Build(double interval, long lowestIndex, double[] pMass, double[] qMass, double pBelow, double pAbove, double qAbove)
    {
        var n = pMass.Length;
        var probabilities = new double[n + 1];
        var oneMinusEToMinusH = -SpecialFunctions.Expm1(-interval);
        probabilities[0] = pBelow;
        for (var j = 0; j < n; j++)
        {
            var a = pMass[j];
            if (a <= 0) continue;
            // Clamped to [0, a]: outside it only by rounding (b·e^(ℓ_j) ∈ [a·e^(−h), a] in exact arithmetic).
            var upper = Math.Clamp((a - qMass[j] * Math.Exp((lowestIndex + j) * interval)) / oneMinusEToMinusH, 0, a);
            probabilities[j + 1] += upper;
            probabilities[j] += a - upper;
        }
        var top = Math.Min(pAbove, qAbove * Math.Exp((lowestIndex + n) * interval));
        probabilities[n] += top;
        return new PrivacyLossPmf(interval, lowestIndex, probabilities, Math.Max(0, pAbove - top));
    }
}
