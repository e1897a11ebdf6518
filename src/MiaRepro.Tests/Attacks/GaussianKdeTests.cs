using MathNet.Numerics.Statistics;
using MiaRepro.Density;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>The KDE against scipy.stats.gaussian_kde (golden JSON) and MathNet's KernelDensity; bad input.</summary>
[TestFixture]
public sealed class GaussianKdeTests
{
    static IEnumerable<KdeGolden.KdeCase> Cases => KdeGolden.Values.Kde;

    [TestCaseSource(nameof(Cases))]
    public void Kde_ScottBandwidth_MatchesScipy(KdeGolden.KdeCase c)
    {
        var kde = new GaussianKde(c.Data, BandwidthRule.Scott);
        Approx.AssertClose(kde.SampleStd, c.StdDdof1, 1e-14, what: "std ddof=1");
        Approx.AssertClose(kde.Factor, c.Scott.Factor, 1e-15, what: "factor");
        Approx.AssertClose(kde.Bandwidth, c.Scott.Bandwidth, 1e-14, what: "bandwidth");
    }

    [TestCaseSource(nameof(Cases))]
    public void Kde_SilvermanBandwidth_MatchesScipy(KdeGolden.KdeCase c)
    {
        var kde = new GaussianKde(c.Data, BandwidthRule.Silverman);
        Approx.AssertClose(kde.Factor, c.Silverman.Factor, 1e-15, what: "factor");
        Approx.AssertClose(kde.Bandwidth, c.Silverman.Bandwidth, 1e-14, what: "bandwidth");
    }

    [TestCaseSource(nameof(Cases))]
    public void Kde_ScottDensity_MatchesScipy(KdeGolden.KdeCase c) => AssertDensities(new GaussianKde(c.Data, BandwidthRule.Scott), c, c.Scott);

    [TestCaseSource(nameof(Cases))]
    public void Kde_SilvermanDensity_MatchesScipy(KdeGolden.KdeCase c) => AssertDensities(new GaussianKde(c.Data, BandwidthRule.Silverman), c, c.Silverman);

    static void AssertDensities(GaussianKde kde, KdeGolden.KdeCase c, KdeGolden.KdeRule scipy)
    {
        // pdf: where scipy's underflows to 0 (the far-tail points) ours must too; logpdf is compared everywhere,
        // including there (scipy's logpdf is a log-sum-exp as well).
        Approx.AssertClose(c.Points.Select(kde.Density).ToArray(), scipy.Pdf, 1e-12, what: "pdf");
        Approx.AssertClose(c.Points.Select(kde.LogDensity).ToArray(), scipy.Logpdf, 1e-13, 1e-13, what: "logpdf");
        Assert.That(scipy.Pdf[^2..], Is.All.EqualTo(0.0), "the golden file's last two points are meant to underflow");
    }

    [Test]
    public void Kde_Density_MatchesMathNetKernelDensity()
    {
        var c = KdeGolden.Values.Kde.Single(k => k.Name == "bimodal-100");
        var kde = new GaussianKde(c.Data);
        foreach (var x in c.Points)
            Approx.AssertClose(kde.Density(x), KernelDensity.EstimateGaussian(x, kde.Bandwidth, c.Data), 1e-12, what: $"x = {x}");
    }

    [Test]
    public void Kde_Density_IntegratesToOne()
    {
        var rng = new Random(3);
        var kde = new GaussianKde(Enumerable.Range(0, 300).Select(_ => rng.NextDouble() * rng.NextDouble() * 5));
        double lo = kde.Minimum - 12 * kde.Bandwidth, hi = kde.Maximum + 12 * kde.Bandwidth;
        int steps = 20000;
        double dx = (hi - lo) / steps, integral = 0;
        for (int i = 0; i <= steps; i++)
            integral += (i == 0 || i == steps ? 0.5 : 1) * kde.Density(lo + i * dx) * dx;
        Assert.That(integral, Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void Kde_FarFromTheData_LogDensityIsFiniteWhereDensityUnderflows()
    {
        var kde = new GaussianKde([0.0, 1.0]);
        Assert.That(kde.Density(1e4), Is.EqualTo(0));
        // One term dominates: log f = −(x − 1)²/(2h²) + log(1 + e^{−(2x − 1)/(2h²)}) − log(2h√(2π)).
        var h = kde.Bandwidth;
        var expected = -(1e4 - 1) * (1e4 - 1) / (2 * h * h) - Math.Log(2 * h * Math.Sqrt(2 * Math.PI));
        Approx.AssertClose(kde.LogDensity(1e4), expected, 1e-14);
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Kde_FewerThanTwoSamples_Throws(int n)
    {
        var e = Assert.Throws<ArgumentException>(() => new GaussianKde(Enumerable.Repeat(1.5, n), what: "known-member losses"));
        Assert.That(e!.Message, Does.Contain("at least 2 known-member losses").And.Contain($"got {n}"));
    }

    [Test]
    public void Kde_ConstantSamples_ThrowsZeroBandwidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new GaussianKde(Enumerable.Repeat(0.25, 50), what: "private (non-member) losses"));
        Assert.That(e!.Message, Does.Contain("All 50 private (non-member) losses equal 0.25").And.Contain("bandwidth is 0").And.Contain("another loss signal"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Kde_NonFiniteSample_Throws(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => new GaussianKde([0.1, bad, 0.3]));
        Assert.That(e!.Message, Does.Contain("Samples[1]").And.Contain("finite"));
    }

    [Test]
    public void Kde_NonFinitePoint_Throws() =>
        Assert.Throws<ArgumentException>(() => new GaussianKde([0.0, 1.0]).LogDensity(double.NaN));

    [Test]
    public void Kde_StdIsMathNetSampleStd()
    {
        double[] data = [1, 2, 4, 8];
        Assert.That(new GaussianKde(data).SampleStd, Is.EqualTo(data.StandardDeviation()));
        Assert.That(new GaussianKde(data).Bandwidth, Is.EqualTo(Math.Pow(4, -0.2) * Math.Sqrt(9.583333333333334)).Within(1e-15));
    }
}
