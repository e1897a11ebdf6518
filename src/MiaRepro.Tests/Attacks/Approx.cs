using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>Element-wise |actual − expected| ≤ abs + rel·|expected|, reporting the first index that is off.</summary>
public static class Approx
{
    public static void AssertClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double rel, double abs = 0, string what = "")
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), what);
        for (int i = 0; i < expected.Count; i++)
            AssertClose(actual[i], expected[i], rel, abs, $"{what}[{i}]");
    }

    public static void AssertClose(double actual, double expected, double rel, double abs = 0, string what = "")
    {
        var tolerance = abs + rel * Math.Abs(expected);
        Assert.That(Math.Abs(actual - expected), Is.LessThanOrEqualTo(tolerance),
            $"{what}: {actual:R} vs reference {expected:R} (tolerance {tolerance:G3})");
    }
}
