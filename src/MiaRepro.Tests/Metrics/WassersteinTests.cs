using MiaRepro.Metrics;
using MiaRepro.Tests.Attacks;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>Wasserstein-1 against scipy.stats.wasserstein_distance and closed forms.</summary>
[TestFixture]
public sealed class WassersteinTests
{
    static IEnumerable<KdeGolden.WassersteinCase> Cases => KdeGolden.Values.Wasserstein;

    [TestCaseSource(nameof(Cases))]
    public void Wasserstein_MatchesScipy(KdeGolden.WassersteinCase c)
    {
        Approx.AssertClose(Wasserstein.Distance(c.U, c.V), c.Distance, 1e-13, 1e-15);
        Approx.AssertClose(Wasserstein.Distance(c.V, c.U), c.Distance, 1e-13, 1e-15, "symmetric");
    }

    [TestCase(0.0, 1.0)]
    [TestCase(-2.5, 7.25)]
    [TestCase(3.0, 3.0)]
    public void Wasserstein_PointMasses_IsTheirDistance(double a, double b)
    {
        Assert.That(Wasserstein.Distance([a], [b]), Is.EqualTo(Math.Abs(a - b)));
        Assert.That(Wasserstein.Distance([a, a, a], [b, b]), Is.EqualTo(Math.Abs(a - b)).Within(1e-15));
    }

    [TestCase(0.5)]
    [TestCase(-3.0)]
    [TestCase(1e-3)]
    public void Wasserstein_ShiftedSample_IsTheShift(double c)
    {
        var rng = new Random(9);
        var u = Enumerable.Range(0, 257).Select(_ => rng.NextDouble() * 4 - 1).ToArray();
        Assert.That(Wasserstein.Distance(u, u.Select(x => x + c)), Is.EqualTo(Math.Abs(c)).Within(1e-12));
    }

    [Test]
    public void Wasserstein_SameSample_IsZero()
    {
        double[] u = [0.3, 0.1, 0.2, 0.2];
        Assert.That(Wasserstein.Distance(u, u.Reverse()), Is.EqualTo(0));
    }

    [Test]
    public void Wasserstein_EmptySample_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => Wasserstein.Distance([1.0], []))!.Message, Does.Contain("second sample is empty"));

    [Test]
    public void Wasserstein_NonFinite_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => Wasserstein.Distance([1.0, double.NaN], [0.0]))!.Message, Does.Contain("Value 1 of the first sample is NaN"));
}
