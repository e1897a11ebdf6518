namespace MiaRepro.Density;

/// <summary>
/// How a 1-D Gaussian KDE picks its bandwidth h = factor · s, with s the sample standard deviation (ddof = 1) and n the
/// sample size — the two rules of scipy.stats.gaussian_kde, computed as scipy does for d = 1 (scipy/stats/_kde.py:
/// covariance = cov(data, bias=False) · factor², factor = neff^(−1/(d+4)) or (neff·(d+2)/4)^(−1/(d+4)), neff = n for
/// unweighted data).
/// </summary>
public enum BandwidthRule
{
    /// <summary>Scott: factor = n^(−1/5). scipy's default, which Bîndilă et al.'s code uses.</summary>
    Scott,

    /// <summary>Silverman (scipy's form): factor = (3n/4)^(−1/5).</summary>
    Silverman,
}
