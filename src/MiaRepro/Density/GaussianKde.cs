using MathNet.Numerics.Statistics;

namespace MiaRepro.Density;

/// <summary>
/// A 1-D Gaussian kernel density estimate, f(x) = 1/(n·h) Σ_i φ((x − x_i)/h), with the bandwidth h of
/// scipy.stats.gaussian_kde (<see cref="BandwidthRule"/>), evaluated in log space so it never underflows.
/// </summary>
/// <remarks>
/// MathNet.Numerics 5 has the same estimator (<c>KernelDensity.EstimateGaussian(x, h, samples)</c>) but no bandwidth
/// rule, and it sums densities in linear space: a few tens of bandwidths from the data every term is 0 and so is the
/// estimate. The attack divides two such densities, so this class returns log f(x) via log-sum-exp instead; the tests
/// check it against both MathNet and scipy. Samples are kept sorted so a point only visits the samples that still
/// count: terms are summed outward from the nearest sample and the walk stops once a term is below e^−(42 + ln n) of
/// the largest, where all the terms left together change the sum by less than 6·10⁻¹⁹ relative (below double's
/// rounding).
/// </remarks>
public sealed class GaussianKde
{
    static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    readonly double[] sorted;
    readonly double logNormaliser;   // log(n · h · √(2π))
    readonly double cutoff;          // stop once −z²/2 is this far below the largest term's

    public BandwidthRule Rule { get; }
    /// <summary>The bandwidth factor: n^(−1/5) (Scott) or (3n/4)^(−1/5) (Silverman).</summary>
    public double Factor { get; }
    /// <summary>The sample standard deviation with ddof = 1 (scipy's cov(bias=False)).</summary>
    public double SampleStd { get; }
    /// <summary>h = Factor · SampleStd, the kernel's standard deviation (√ of scipy's kde.covariance).</summary>
    public double Bandwidth { get; }
    public int Count => sorted.Length;
    public double Minimum => sorted[0];
    public double Maximum => sorted[^1];

    /// <param name="samples">At least 2 finite values, not all equal.</param>
    /// <param name="rule">Scott (scipy's default) or Silverman.</param>
    /// <param name="what">What the samples are, for error messages (e.g. "known-member losses").</param>
    public GaussianKde(IEnumerable<double> samples, BandwidthRule rule = BandwidthRule.Scott, string what = "samples")
    {
        sorted = samples.ToArray();
        if (sorted.Length < 2)
            throw new ArgumentException($"A Gaussian KDE needs at least 2 {what}, got {sorted.Length}: the bandwidth comes from their standard deviation (raise the leak percentage or pass more examples).");
        var bad = Array.FindIndex(sorted, v => !double.IsFinite(v));
        if (bad >= 0)
            throw new ArgumentException($"{Capitalised(what)}[{bad}] is {sorted[bad]}: a KDE needs finite values (compute the loss signal in log space, e.g. \"cross-entropy\" via log_softmax).");
        Array.Sort(sorted);

        Rule = rule;
        SampleStd = sorted.StandardDeviation();
        if (!(SampleStd > 0))
            throw new ArgumentException($"All {sorted.Length} {what} equal {sorted[0]:R}: their standard deviation is 0, so the KDE bandwidth is 0 and the density undefined. The signal does not separate these examples — use another loss signal (e.g. \"logit-scaled\" when probabilities saturate at 1) or check that the losses are not clipped.");
        Factor = BandwidthFactor(sorted.Length, rule);
        Bandwidth = Factor * SampleStd;
        logNormaliser = Math.Log(sorted.Length) + Math.Log(Bandwidth) + LogSqrt2Pi;
        cutoff = 42 + Math.Log(sorted.Length);
    }

    /// <summary>scipy's bandwidth factor for 1-D data of size <paramref name="n"/>.</summary>
    public static double BandwidthFactor(int n, BandwidthRule rule) => rule switch
    {
        BandwidthRule.Scott => Math.Pow(n, -1.0 / 5),
        BandwidthRule.Silverman => Math.Pow(n * 3.0 / 4, -1.0 / 5),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown bandwidth rule."),
    };

    /// <summary>log f(x); finite for every finite x, however far from the data.</summary>
    public double LogDensity(double x)
    {
        if (!double.IsFinite(x))
            throw new ArgumentException($"Cannot evaluate a density at {x}: pass finite values.");
        // Insertion point: sorted[right-1] ≤ x < sorted[right] (as far as the array goes).
        int right = Array.BinarySearch(sorted, x);
        if (right < 0) right = ~right;
        int left = right - 1;

        double nearest = Math.Min(
            left >= 0 ? x - sorted[left] : double.PositiveInfinity,
            right < sorted.Length ? sorted[right] - x : double.PositiveInfinity);
        double top = -0.5 * Square(nearest / Bandwidth);   // the largest exponent, shifted out before exp

        double sum = 0;
        for (int i = left; i >= 0; i--)
        {
            double e = -0.5 * Square((x - sorted[i]) / Bandwidth) - top;
            if (e < -cutoff) break;
            sum += Math.Exp(e);
        }
        for (int i = right; i < sorted.Length; i++)
        {
            double e = -0.5 * Square((sorted[i] - x) / Bandwidth) - top;
            if (e < -cutoff) break;
            sum += Math.Exp(e);
        }
        return top + Math.Log(sum) - logNormaliser;
    }

    /// <summary>f(x) in linear space: 0 where it underflows (use <see cref="LogDensity"/> to compare such points).</summary>
    public double Density(double x) => Math.Exp(LogDensity(x));

    static double Square(double v) => v * v;

    static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
