using MathNet.Numerics.Distributions;

namespace MiaRepro.Density;

/// <summary>log Φ(z) of the standard normal, accurate in relative terms over the whole double range.</summary>
/// <remarks>
/// Why not log(Normal.CDF): Φ(z) rounds to 1 above z ≈ 8.3, so every such z would score log 1 = 0 (ties among the most
/// confident members, exactly where low-FPR attacks look), and underflows to 0 below z ≈ −38 (log 0 = −∞). So:
/// z &gt; 0: log Φ(z) = log1p(−Φ(−z)), exact until Φ(−z) underflows (z ≈ 38); −37 ≤ z ≤ 0: log Φ(z) directly (MathNet's
/// CDF is 0.5·erfc(−z/√2), relatively accurate in the tail); z &lt; −37: the asymptotic series
/// log Φ(z) = −z²/2 − log(−z) − ½ log 2π + log(1 − 1/z² + 3/z⁴ − 15/z⁶ + …), whose first omitted term is below 1e-17 there.
/// Matches scipy.stats.norm.logcdf (golden values in the tests).
/// </remarks>
public static class StandardNormal
{
    static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    public static double LogCdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        if (z > 0) return LogOnePlus(-Normal.CDF(0, 1, -z));
        if (z >= -37) return Math.Log(Normal.CDF(0, 1, z));
        if (double.IsNegativeInfinity(z)) return double.NegativeInfinity;
        var inverseSquare = 1 / (z * z);
        // 1 − 1/z² + 3/z⁴ − 15/z⁶ + 105/z⁸ − 945/z¹⁰ + 10395/z¹², by Horner.
        var series = 1 + inverseSquare * (-1 + inverseSquare * (3 + inverseSquare * (-15 + inverseSquare * (105 + inverseSquare * (-945 + inverseSquare * 10395)))));
        return -0.5 * z * z - Math.Log(-z) - HalfLog2Pi + Math.Log(series);
    }

    // log(1 + x) without cancellation for small x (System.Math has no log1p): Goldberg's correction by x/(u − 1).
    static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
