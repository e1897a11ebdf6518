using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MiaRepro.Privacy;

/// <summary>
/// Composition of privacy loss distributions: the losses of independent steps add, so their distributions convolve.
/// One FFT per distinct step, its pointwise power for the repeats, one inverse FFT (Koskela, Jälkö &amp; Honkela 2020;
/// dp_accounting's self_convolve). The cyclic FFT length covers a window [lower, upper] of the sum chosen by the
/// Chernoff bound P(S ≥ s) ≤ E[e^(λS)]·e^(−λs) at several λ (dp_accounting's compute_self_convolve_bounds), so at most
/// tailMass/2 lies beyond each end; that mass would wrap around into the window, so tailMass is added to the +∞ mass
/// (it can raise δ by at most that much). The result stays an upper bound up to the FFT's rounding (≈ 1e-16 of the
/// largest probability per point).
/// </summary>
internal static class PmfComposition
{
    /// <summary>Largest FFT (8M points, 128 MB per complex array).</summary>
    public const int MaxFftLength = 1 << 23;

    /// <summary>λ in units of 1/loss for the Chernoff window: ±2^k, k = −6 … 8.</summary>
    static readonly double[] ChernoffOrders = [.. Enumerable.Range(-6, 15).SelectMany(k => new[] { Math.Pow(2, k), -Math.Pow(2, k) })];

    public static PrivacyLossPmf Compose(IReadOnlyList<(PrivacyLossPmf Pmf, int Times)> parts, double tailMass)
    {
        var h = parts[0].Pmf.Interval;
        if (parts.Any(p => p.Pmf.Interval != h)) throw new ArgumentException("privacy loss distributions on different grids cannot be composed.", nameof(parts));
        long baseIndex = 0, maxSum = 0;
        var logFinite = 0.0; // ln P(no step gives +∞)
        foreach (var (pmf, times) in parts)
        {
            baseIndex += times * pmf.LowestIndex;
            maxSum += (long)times * (pmf.Probabilities.Count - 1);
            logFinite += times * SpecialFunctions.Log1p(-pmf.InfinityMass);
        }
        var (lower, upper) = Window(parts, h, tailMass, maxSum);
        var truncated = lower > 0 || upper < maxSum;
        var width = upper - lower + 1;
        var length = 1;
        while (length < Math.Max(width, parts.Max(p => p.Pmf.Probabilities.Count))) length <<= 1;
        if (length > MaxFftLength)
            throw new InvalidOperationException($"composing needs an FFT of {length:N0} points (over {MaxFftLength:N0}); use a larger PLD interval.");

        Complex[]? product = null;
        foreach (var (pmf, times) in parts)
        {
            var spectrum = new Complex[length];
            for (var j = 0; j < pmf.Probabilities.Count; j++) spectrum[j] = pmf.Probabilities[j];
            Fourier.Forward(spectrum, FourierOptions.Matlab);
            for (var m = 0; m < length; m++) spectrum[m] = Power(spectrum[m], times);
            if (product is null) product = spectrum;
            else for (var m = 0; m < length; m++) product[m] *= spectrum[m];
        }
        Fourier.Inverse(product!, FourierOptions.Matlab);
        var probabilities = new double[width];
        for (var t = 0; t < width; t++) probabilities[t] = Math.Max(0, product![(int)((lower + t) % length)].Real);
        var infinity = -SpecialFunctions.Expm1(logFinite) + (truncated ? tailMass : 0);
        return new PrivacyLossPmf(h, baseIndex + lower, probabilities, Math.Min(1, infinity));
    }

    /// <summary>Indices of the sum (from the lowest possible) outside which at most tailMass/2 lies on each side.</summary>
    static (long Lower, long Upper) Window(IReadOnlyList<(PrivacyLossPmf Pmf, int Times)> parts, double h, double tailMass, long maxSum)
    {
        long lower = 0, upper = maxSum;
        var logTwoOverTail = Math.Log(2 / tailMass);
        foreach (var order in ChernoffOrders)
        {
            var lambda = order * h; // per grid index
            var logMgf = parts.Sum(p => p.Times * LogMgf(p.Pmf.Probabilities, lambda));
            var bound = (logMgf + logTwoOverTail) / lambda;
            if (double.IsNaN(bound) || double.IsInfinity(bound)) continue;
            if (lambda > 0) upper = Math.Min(upper, (long)Math.Ceiling(Math.Min(bound, maxSum)));
            else lower = Math.Max(lower, (long)Math.Floor(Math.Max(bound, 0)));
        }
        return lower <= upper ? (lower, upper) : (0, maxSum);
    }

    /// <summary>ln Σ_j p_j e^(λj) over the finite masses (log-sum-exp).</summary>
    static double LogMgf(IReadOnlyList<double> p, double lambda)
    {
        var max = double.NegativeInfinity;
        for (var j = 0; j < p.Count; j++)
            if (p[j] > 0) max = Math.Max(max, Math.Log(p[j]) + lambda * j);
        var sum = 0.0;
        for (var j = 0; j < p.Count; j++)
            if (p[j] > 0) sum += Math.Exp(Math.Log(p[j]) + lambda * j - max);
        return max + Math.Log(sum);
    }

    /// <summary>z^n by repeated squaring (exact for n = 1, and no polar round trip).</summary>
    static Complex Power(Complex z, int n)
    {
        var result = Complex.One;
        for (; n > 0; n >>= 1, z *= z)
            if ((n & 1) == 1) result *= z;
        return result;
    }
}
