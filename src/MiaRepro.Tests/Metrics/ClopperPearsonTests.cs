using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>Exact binomial intervals against scipy.stats.beta.ppf, closed forms at the edges, and input checks.</summary>
[TestFixture]
public sealed class ClopperPearsonTests
{
    static IEnumerable<GoldenInterval> Golden => MetricsGolden.Values.ClopperPearson;

    [TestCaseSource(nameof(Golden))]
    public void Interval_GoldenValues_MatchScipyBetaPpf(GoldenInterval g)
    {
        var interval = ClopperPearson.Interval(g.K, g.N, g.Alpha);
        Assert.That(interval.Lower, Is.EqualTo(g.Lower).Within(1e-9));
        Assert.That(interval.Upper, Is.EqualTo(g.Upper).Within(1e-9));
        Assert.That(interval.Lower, Is.EqualTo(g.Lower).Within(1e-7).Percent, "relative, for bounds near 0");
    }

    [TestCase(0, 10)]
    [TestCase(0, 1)]
    [TestCase(0, 5000)]
    public void Interval_ZeroSuccesses_LowerIsZeroUpperIsClosedForm(int k, int n)
    {
        var interval = ClopperPearson.Interval(k, n, 0.05);
        Assert.That(interval.Lower, Is.EqualTo(0));
        Assert.That(interval.Upper, Is.EqualTo(1 - Math.Pow(0.025, 1.0 / n)).Within(1e-12), "P(X=0) = (1−p)^n = α/2");
    }

    [TestCase(10, 10)]
    [TestCase(1, 1)]
    [TestCase(5000, 5000)]
    public void Interval_AllSuccesses_UpperIsOneLowerIsClosedForm(int k, int n)
    {
        var interval = ClopperPearson.Interval(k, n, 0.05);
        Assert.That(interval.Upper, Is.EqualTo(1));
        Assert.That(interval.Lower, Is.EqualTo(Math.Pow(0.025, 1.0 / n)).Within(1e-12), "P(X=n) = p^n = α/2");
    }

    [Test]
    public void Interval_IsSymmetricUnderSwappingSuccessesAndFailures()
    {
        var a = ClopperPearson.Interval(7, 40, 0.05);
        var b = ClopperPearson.Interval(33, 40, 0.05);
        Assert.That(a.Lower, Is.EqualTo(1 - b.Upper).Within(1e-12));
        Assert.That(a.Upper, Is.EqualTo(1 - b.Lower).Within(1e-12));
    }

    [Test]
    public void LowerBound_OneSided_SpendsTheWholeTail()
    {
        Assert.That(ClopperPearson.LowerBound(20, 20, 0.05), Is.EqualTo(Math.Pow(0.05, 1.0 / 20)).Within(1e-12));
        Assert.That(ClopperPearson.UpperBound(0, 20, 0.05), Is.EqualTo(1 - Math.Pow(0.05, 1.0 / 20)).Within(1e-12));
    }

    [TestCase(-1, 10, 0.05)]
    [TestCase(11, 10, 0.05)]
    [TestCase(0, 0, 0.05)]
    [TestCase(3, 10, 0.0)]
    [TestCase(3, 10, 1.0)]
    [TestCase(3, 10, double.NaN)]
    public void Interval_InvalidInput_Throws(int k, int n, double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(k, n, alpha));

    [Test]
    public void TprAndFprIntervals_UseTheirClassSizes()
    {
        var counts = new ConfusionCounts(TruePositives: 30, FalsePositives: 2, TrueNegatives: 98, FalseNegatives: 70);
        Assert.That(counts.TprInterval(0.05), Is.EqualTo(ClopperPearson.Interval(30, 100, 0.05)));
        Assert.That(counts.FprInterval(0.05), Is.EqualTo(ClopperPearson.Interval(2, 100, 0.05)));
    }
}
