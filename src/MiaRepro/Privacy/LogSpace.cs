using MathNet.Numerics;

namespace MiaRepro.Privacy;

/// <summary>Sums and Gaussian tails kept as logarithms: the RDP series multiplies q^i by e^(i²/2σ²), which over- or
/// underflows a double long before the sum does.</summary>
internal static class LogSpace
{
    /// <summary>ln(e^a + e^b).</summary>
    public static double Add(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var (hi, lo) = a >= b ? (a, b) : (b, a);
        return hi + SpecialFunctions.Log1p(Math.Exp(lo - hi));
    }

    /// <summary>ln(e^a − e^b) for a ≥ b; −∞ when they are equal.</summary>
    public static double Subtract(double a, double b)
    {
        if (a < b) throw new ArithmeticException($"ln(e^a − e^b) of a negative difference (a = {a}, b = {b}).");
        if (double.IsNegativeInfinity(b)) return a;
        if (a == b) return double.NegativeInfinity;
        return a + Math.Log(-SpecialFunctions.Expm1(b - a));
    }

    /// <summary>ln erfc(x), accurate where erfc(x) underflows: MathNet's erfc below 4, above it Laplace's continued
    /// fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (Abramowitz &amp; Stegun 7.1.14).</summary>
    public static double LogErfc(double x)
    {
        if (x < 4) return Math.Log(SpecialFunctions.Erfc(x));
        var t = x;
        for (var k = 120; k >= 1; k--) t = x + k / 2.0 / t;
        return -x * x - 0.5 * Math.Log(Math.PI) - Math.Log(t);
    }

    /// <summary>P(Z &gt; x) for a standard normal Z, relatively accurate in the upper tail.</summary>
    public static double NormalSf(double x) => 0.5 * SpecialFunctions.Erfc(x / Math.Sqrt(2));

    /// <summary>P(lo &lt; Z ≤ hi) for a standard normal Z, from the tail on the side where the interval lies, so a
    /// narrow interval far out keeps its relative precision (no 1 − 1 + ε). Either end may be infinite.</summary>
    public static double NormalInterval(double lo, double hi)
    {
        if (!(hi > lo)) return 0;
        if (lo >= 0) return NormalSf(lo) - NormalSf(hi);
        if (hi <= 0) return NormalSf(-hi) - NormalSf(-lo);
        return 1 - NormalSf(hi) - NormalSf(-lo);
    }
}
