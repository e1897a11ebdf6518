using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>One step's RDP against numerical integration (numpy/scipy golden), and its exact special cases.</summary>
[TestFixture]
public sealed class SubsampledGaussianRdpTests
{
    static IEnumerable<GoldenRdp> PerOrder => DpAccountantGolden.Values.RdpPerOrder;
    static IEnumerable<GoldenLogErfc> LogErfcValues => DpAccountantGolden.Values.LogErfc;

    [TestCaseSource(nameof(PerOrder))]
    public void Epsilon_IntegerAndFractionalOrders_MatchNumericalIntegration(GoldenRdp g)
    {
        var rdp = SubsampledGaussianRdp.Epsilon(g.Sigma, g.Q, g.Order);
        // The series and quad agree to ≈ 5e-9 relative at worst (small q, α near 1); 1e-6 is the tolerance.
        Assert.That(rdp, Is.EqualTo(g.Rdp).Within(1e-6 * g.Rdp));
        Assert.That(g.RdpRemove, Is.GreaterThanOrEqualTo(g.RdpAdd), "the remove direction is the larger (Mironov et al. 2019)");
    }

    [TestCase(1.5, 2.0), TestCase(0.7, 3.9), TestCase(4.0, 63.0), TestCase(1.0, 1.1)]
    public void Epsilon_FullBatch_IsAlphaOverTwoSigmaSquared(double sigma, double order) =>
        Assert.That(SubsampledGaussianRdp.Epsilon(sigma, 1.0, order), Is.EqualTo(order / (2 * sigma * sigma)));

    [Test]
    public void Epsilon_NoSampling_IsZero() => Assert.That(SubsampledGaussianRdp.Epsilon(1.0, 0.0, 3.5), Is.Zero);

    [TestCase(1.5, 0.04), TestCase(0.9, 0.3), TestCase(3.0, 0.001)]
    public void Epsilon_FractionalOrderBetweenIntegers_LiesBetweenTheirValues(double sigma, double q)
    {
        // RDP is non-decreasing in α: the fractional series sits between the integer expansions around it.
        var (two, half, three) = (SubsampledGaussianRdp.Epsilon(sigma, q, 2), SubsampledGaussianRdp.Epsilon(sigma, q, 2.5), SubsampledGaussianRdp.Epsilon(sigma, q, 3));
        Assert.That(half, Is.InRange(two, three));
    }

    [TestCaseSource(nameof(LogErfcValues))]
    public void LogErfc_MatchesScipy(GoldenLogErfc g) =>
        Assert.That(LogSpace.LogErfc(g.X), Is.EqualTo(g.Value).Within(1e-13 * Math.Max(1, Math.Abs(g.Value))));
}
