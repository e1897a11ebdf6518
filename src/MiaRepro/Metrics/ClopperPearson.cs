using MathNet.Numerics.Distributions;

namespace MiaRepro.Metrics;

/// <summary>
/// The exact (Clopper–Pearson) binomial interval for k successes in n trials, from Beta quantiles:
/// lower = Beta(k, n−k+1).InvCDF(α/2), upper = Beta(k+1, n−k).InvCDF(1−α/2), with lower 0 at k = 0 and upper 1 at
/// k = n. α is two-sided (α/2 in each tail), as in statsmodels' proportion_confint(method="beta"); the one-sided
/// bounds take their tail probability as given.
/// </summary>
public static class ClopperPearson
{
    /// <summary>Two-sided interval at confidence 1 − α (α/2 per tail).</summary>
    public static BinomialInterval Interval(int successes, int trials, double alpha)
    {
        Validate(successes, trials);
        ValidateAlpha(alpha);
        return new(LowerBound(successes, trials, alpha / 2), UpperBound(successes, trials, alpha / 2), alpha);
    }

    /// <summary>One-sided lower bound: P(p &lt; bound) ≤ <paramref name="tail"/>.</summary>
    public static double LowerBound(int successes, int trials, double tail)
    {
        Validate(successes, trials);
        ValidateAlpha(tail);
        return successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, tail);
    }

    /// <summary>One-sided upper bound: P(p &gt; bound) ≤ <paramref name="tail"/>.</summary>
    public static double UpperBound(int successes, int trials, double tail)
    {
        Validate(successes, trials);
        ValidateAlpha(tail);
        return successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - tail);
    }

    static void Validate(int successes, int trials)
    {
        if (trials <= 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "A binomial interval needs at least one trial.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must be in [0, {trials}].");
    }

    static void ValidateAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in (0, 1), e.g. 0.05 for 95%.");
    }
}
