using MathNet.Numerics;

namespace MiaRepro.Privacy;

/// <summary>
/// One step of the Poisson-subsampled Gaussian mechanism as a discrete privacy loss distribution, per adjacency
/// direction. With r(x) = mixture(x)/N(0,σ²)(x) = 1 − q + q·e^((2x − 1)/(2σ²)), the remove loss is ln r(x) for
/// x ∼ mixture and the add loss −ln r(x) for x ∼ N(0, σ²); r rises with x, so each loss bucket [kh, (k+1)h] is an
/// x-interval whose ends invert the loss in closed form, x(ℓ) = σ²·ln((e^ℓ − 1 + q)/q) + 1/2, and whose masses under
/// both Gaussians are differences of normal tails. <see cref="ConnectTheDots"/> puts them on the grid.
/// Grid and truncation: losses on multiples of the interval h, between ⌊ln(1 − q)/h⌋ (the remove loss's floor; for
/// q = 1 the loss at x = −10σ) and ⌈ln r(1 + 10σ)/h⌉ (≈ 25,000 points at σ = 1.5, q = 0.04, h = 1e-4). Outputs
/// beyond the grid are kept, pessimistically: for remove, those above it are split between the top loss and +∞ (at
/// most q·P(Z &gt; 10) ≈ 7.6e-24·q goes to +∞ per step); for add, those below it move up to its lowest loss.
/// </summary>
public static class SubsampledGaussianPld
{
    /// <summary>x-range cut, in standard deviations past the Gaussians' means.</summary>
    public const double TailSds = 10;

    /// <summary>Largest loss grid one step may need (16M points); a finer interval or a smaller σ asks for more.</summary>
    public const int MaxGridPoints = 1 << 24;

    public static PrivacyLossPmf Step(double noiseMultiplier, double samplingRate, double interval, Adjacency direction)
    {
        PrivacyArguments.NoiseMultiplier(noiseMultiplier);
        PrivacyArguments.SamplingRate(samplingRate);
        PrivacyArguments.Positive(interval, nameof(interval));
        if (samplingRate == 0) return PrivacyLossPmf.Zero(interval);
        double sigma = noiseMultiplier, q = samplingRate, h = interval;

        var kLo = (long)Math.Floor((q < 1 ? SpecialFunctions.Log1p(-q) : RemoveLoss(-TailSds * sigma, sigma, q)) / h);
        var kHi = (long)Math.Ceiling(RemoveLoss(1 + TailSds * sigma, sigma, q) / h);
        var n = kHi - kLo;
        if (n > MaxGridPoints)
            throw new ArgumentOutOfRangeException(nameof(interval), interval,
                $"one step at σ = {sigma}, q = {q} spans losses {kLo * h:G4} … {kHi * h:G4}: {n:N0} points of {nameof(interval)} {h}, over the limit of {MaxGridPoints:N0}; use a larger interval.");

        // x at every grid loss; the first is −∞ when q < 1 (the remove loss never goes below ln(1 − q)).
        var x = new double[n + 1];
        for (var j = 0; j <= n; j++) x[j] = InverseRemoveLoss((kLo + j) * h, sigma, q);
        var n0 = new double[n];
        var mixture = new double[n];
        for (var j = 0; j < n; j++)
        {
            n0[j] = LogSpace.NormalInterval(x[j] / sigma, x[j + 1] / sigma);
            mixture[j] = (1 - q) * n0[j] + q * LogSpace.NormalInterval((x[j] - 1) / sigma, (x[j + 1] - 1) / sigma);
        }
        // Outside the grid: x below x[0] (only when q = 1) and above x[n].
        double n0Below = LogSpace.NormalSf(-x[0] / sigma), mixtureBelow = (1 - q) * n0Below + q * LogSpace.NormalSf(-(x[0] - 1) / sigma);
        double n0Above = LogSpace.NormalSf(x[n] / sigma), mixtureAbove = (1 - q) * n0Above + q * LogSpace.NormalSf((x[n] - 1) / sigma);

        if (direction == Adjacency.Remove)
            return ConnectTheDots.Build(h, kLo, mixture, n0, mixtureBelow, mixtureAbove, n0Above);
        // Add: the loss is −ln r, so the grid runs the other way (−kHi … −kLo) and P, Q swap.
        Array.Reverse(n0);
        Array.Reverse(mixture);
        return ConnectTheDots.Build(h, -kHi, n0, mixture, n0Above, n0Below, mixtureBelow);
    }

    /// <summary>ln r(x) = ln(1 − q + q·e^u), u = (2x − 1)/(2σ²): log1p near 0 (small q), log-sum-exp for large u.</summary>
    internal static double RemoveLoss(double x, double sigma, double q)
    {
        var u = (2 * x - 1) / (2 * sigma * sigma);
        if (q == 1) return u;
        return u < 30 ? SpecialFunctions.Log1p(q * SpecialFunctions.Expm1(u))
            : LogSpace.Add(SpecialFunctions.Log1p(-q), Math.Log(q) + u);
    }

    /// <summary>The x with ln r(x) = ℓ: σ²·ln((e^ℓ − 1 + q)/q) + 1/2; −∞ at or below ln(1 − q).</summary>
    internal static double InverseRemoveLoss(double loss, double sigma, double q)
    {
        if (q == 1) return sigma * sigma * loss + 0.5;
        // ln(e^ℓ − (1 − q)), written so that neither e^ℓ overflows nor e^ℓ − 1 cancels.
        double logInner;
        if (loss > 1) logInner = loss + SpecialFunctions.Log1p(-(1 - q) * Math.Exp(-loss));
        else
        {
            var inner = SpecialFunctions.Expm1(loss) + q;
            if (inner <= 0) return double.NegativeInfinity;
            logInner = Math.Log(inner);
        }
        return sigma * sigma * (logInner - Math.Log(q)) + 0.5;
    }
}
