using MathNet.Numerics;

namespace MiaRepro.Privacy;

/// <summary>
/// Rényi DP of one step of the Poisson-subsampled Gaussian mechanism (DP-SGD's step: each example kept with
/// probability q, Gaussian noise of standard deviation σ times the clipping norm): ε(α) = ln A_α / (α − 1) with
/// A_α = E_{z∼N(0,σ²)}[((1 − q) + q·N(1,σ²)(z)/N(0,σ²)(z))^α], the divergence D_α(mixture ‖ N(0,σ²)) that Mironov,
/// Talwar &amp; Zhang 2019 ("Rényi Differential Privacy of the Sampled Gaussian Mechanism", section 3.3) show is the
/// larger of the two adjacency directions. Integer α: the binomial expansion; fractional α: their two-sided series.
/// All in log space. q = 1 is the plain Gaussian α/(2σ²); q = 0 releases nothing about the example, 0.
/// </summary>
public static class SubsampledGaussianRdp
{
    /// <summary>The fractional series alternates once i &gt; α, so stopping at a term below e^−40·A_α leaves an error
    /// below that term: ≈ 4e-18 on A_α ≥ 1 (Opacus and TF Privacy stop at e^−30 absolute, ≈ 1e-13, which at q = 0.001
    /// is already 1e-7 of ln A_α).</summary>
    const double NegligibleLogTerm = -40;
    const int MaxSeriesTerms = 1_000_000;

    /// <summary>RDP ε at order <paramref name="order"/> of one step; +∞ where A_α overflows even a logarithm.</summary>
    public static double Epsilon(double noiseMultiplier, double samplingRate, double order)
    {
        PrivacyArguments.NoiseMultiplier(noiseMultiplier);
        PrivacyArguments.SamplingRate(samplingRate);
        PrivacyArguments.Order(order);
        if (samplingRate == 0) return 0;
        if (samplingRate == 1) return order / (2 * noiseMultiplier * noiseMultiplier);
        var logA = order == Math.Floor(order) && order <= int.MaxValue
            ? LogAInteger(noiseMultiplier, samplingRate, (int)order)
            : LogAFractional(noiseMultiplier, samplingRate, order);
        return logA / (order - 1);
    }

    /// <summary>Integer α: A_α = Σ_{i=0}^{α} C(α, i) (1 − q)^(α−i) q^i e^((i² − i)/(2σ²)), the binomial expansion of
    /// (1 − q + q e^((2z − 1)/(2σ²)))^α under N(0, σ²) (Mironov et al. 2019, section 3.3, integer case).</summary>
    internal static double LogAInteger(double sigma, double q, int alpha)
    {
        double logQ = Math.Log(q), log1MinusQ = SpecialFunctions.Log1p(-q), twoSigma2 = 2 * sigma * sigma;
        var logA = double.NegativeInfinity;
        var logBinomial = 0.0; // ln C(α, 0)
        for (var i = 0; i <= alpha; i++)
        {
            if (i > 0) logBinomial += Math.Log(alpha - i + 1) - Math.Log(i);
            logA = LogSpace.Add(logA, logBinomial + i * logQ + (alpha - i) * log1MinusQ + ((double)i * i - i) / twoSigma2);
        }
        return logA;
    }

    /// <summary>
    /// Fractional α (Mironov et al. 2019, section 3.3): split the integral at z₀ = σ² ln(1/q − 1) + 1/2, where
    /// q·N(1,σ²) = (1 − q)·N(0,σ²). Below z₀ expand the α-th power in powers of q·N(1)/((1 − q)·N(0)) &lt; 1, above it in
    /// powers of the inverse; each term is a Gaussian integral over a half line, so
    /// A_α = Σ_i C(α, i) [ (1 − q)^(α−i) q^i e^((i² − i)/(2σ²)) ½erfc((i − z₀)/(√2σ))
    ///                   + q^(α−i) (1 − q)^i e^((j² − j)/(2σ²)) ½erfc((z₀ − j)/(√2σ)) ],  j = α − i,
    /// with generalised binomials C(α, i), which alternate in sign once i &gt; α; positive and negative terms are
    /// summed apart (in logs) and subtracted once.
    /// </summary>
    internal static double LogAFractional(double sigma, double q, double alpha)
    {
        double logQ = Math.Log(q), log1MinusQ = SpecialFunctions.Log1p(-q), twoSigma2 = 2 * sigma * sigma, sqrt2Sigma = Math.Sqrt(2) * sigma;
        var z0 = sigma * sigma * (log1MinusQ - logQ) + 0.5;
        double positive = double.NegativeInfinity, negative = double.NegativeInfinity;
        double logAbsBinomial = 0; // ln |C(α, 0)|
        var sign = 1;
        for (var i = 0; i < MaxSeriesTerms; i++)
        {
            if (i > 0)
            {
                // C(α, i) = C(α, i − 1) (α − i + 1)/i: the sign flips whenever α − i + 1 < 0.
                var factor = alpha - i + 1;
                if (factor < 0) sign = -sign;
                logAbsBinomial += Math.Log(Math.Abs(factor)) - Math.Log(i);
            }
            var j = alpha - i;
            var below = logAbsBinomial + i * logQ + j * log1MinusQ + ((double)i * i - i) / twoSigma2
                        + Math.Log(0.5) + LogSpace.LogErfc((i - z0) / sqrt2Sigma);
            var above = logAbsBinomial + j * logQ + i * log1MinusQ + (j * j - j) / twoSigma2
                        + Math.Log(0.5) + LogSpace.LogErfc((z0 - j) / sqrt2Sigma);
            var term = LogSpace.Add(below, above);
            if (sign > 0) positive = LogSpace.Add(positive, term);
            else negative = LogSpace.Add(negative, term);
            // Past α the terms shrink for good; stop once they no longer move the sum (A_α ≥ 1, so ln A_α ≥ 0).
            if (i > alpha && Math.Max(below, above) < NegligibleLogTerm + Math.Max(positive, 0)) return LogSpace.Subtract(positive, negative);
        }
        throw new ArithmeticException($"The RDP series for σ = {sigma}, q = {q}, α = {alpha} did not converge in {MaxSeriesTerms} terms.");
    }
}
