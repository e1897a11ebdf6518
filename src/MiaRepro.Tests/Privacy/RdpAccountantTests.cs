using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>The RDP accountant: the issue's golden (Opacus's published value), the numpy goldens, composition and
/// Balle et al.'s conversion.</summary>
[TestFixture]
public sealed class RdpAccountantTests
{
    static IEnumerable<GoldenPoint> Points => DpAccountantGolden.Values.Points;

    [Test]
    public void Epsilon_IssueGolden_Is7point3291AtOrder3point9()
    {
        // Issue 40: σ = 1.5, q = 0.04, 2,250 steps, δ = 1e-5, Opacus's orders → ε = 7.3291 at α = 3.9.
        var eps = new RdpAccountant().Compose(1.5, 0.04, 2250).Epsilon(1e-5);
        Assert.That(eps.Epsilon, Is.EqualTo(7.3291).Within(1e-4));
        Assert.That(eps.Order, Is.EqualTo(3.9));
    }

    [TestCaseSource(nameof(Points))]
    public void Epsilon_GoldenPoints_MatchNumpyIntegration(GoldenPoint g)
    {
        var eps = new RdpAccountant().Compose(g.Sigma, g.Q, g.Steps).Epsilon(g.Delta);
        Assert.That(eps.Epsilon, Is.EqualTo(g.RdpEpsilon).Within(1e-6 * g.RdpEpsilon));
        Assert.That(eps.Order, Is.EqualTo(g.RdpOrder));
    }

    [Test]
    public void DefaultOrders_AreOpacus()
    {
        var orders = RdpAccountant.DefaultOrders;
        Assert.That(orders, Has.Count.EqualTo(99 + 52));
        Assert.That((orders[0], orders[98], orders[99], orders[^1]), Is.EqualTo((1.1, 10.9, 12.0, 63.0)));
        Assert.That(orders, Is.EqualTo(DpAccountantGolden.Values.Orders));
    }

    [Test]
    public void Compose_TwoPhases_AddTheirRdp()
    {
        var split = new RdpAccountant().Compose(1.5, 0.04, 1000).Compose(1.5, 0.04, 1250);
        var whole = new RdpAccountant().Compose(1.5, 0.04, 2250);
        Assert.That(split.Rdp.Zip(whole.Rdp, (a, b) => Math.Abs(a - b) / b), Has.All.LessThan(1e-14));
        var mixed = new RdpAccountant([2.5, 8]).Compose(1.5, 0.04, 100).Compose(0.9, 0.01, 300);
        Assert.That(mixed.Rdp[0], Is.EqualTo(100 * SubsampledGaussianRdp.Epsilon(1.5, 0.04, 2.5) + 300 * SubsampledGaussianRdp.Epsilon(0.9, 0.01, 2.5)).Within(1e-15));
    }

    [Test]
    public void BalleEpsilon_IsTheorem21()
    {
        // ε = ρ − (ln δ + ln α)/(α − 1) + ln((α − 1)/α); here 2 + (11.5129 − 1.3863)/3 + ln(0.75) = 5.0879.
        Assert.That(RdpAccountant.BalleEpsilon(2.0, 4.0, 1e-5), Is.EqualTo(2 - (Math.Log(1e-5) + Math.Log(4)) / 3 + Math.Log(0.75)).Within(1e-15));
        Assert.That(RdpAccountant.BalleEpsilon(0.0, 63, 0.5), Is.Zero, "floored at 0");
    }

    [Test]
    public void Epsilon_GrowsWithStepsAndSamplingRate_FallsWithNoise()
    {
        double Eps(double sigma, double q, int steps) => new RdpAccountant().Compose(sigma, q, steps).Epsilon(1e-5).Epsilon;
        Assert.That(new[] { 100, 500, 2250, 10000 }.Select(t => Eps(1.5, 0.04, t)), Is.Ordered.Ascending.And.Unique);
        Assert.That(new[] { 0.001, 0.01, 0.04, 0.2, 1.0 }.Select(q => Eps(1.5, q, 1000)), Is.Ordered.Ascending.And.Unique);
        Assert.That(new[] { 0.7, 1.0, 1.5, 3.0, 8.0 }.Select(s => Eps(s, 0.04, 1000)), Is.Ordered.Descending.And.Unique);
    }

    [Test]
    public void Epsilon_NothingSpent_IsZero()
    {
        // Not Balle's floor (≈ 0.10 at δ = 1e-5 with orders to 63): nothing released is (0, 0)-DP, as in Opacus.
        Assert.That(new RdpAccountant().Epsilon(1e-5).Epsilon, Is.Zero);
        Assert.That(new RdpAccountant().Compose(1.0, 0.0, 1000).Epsilon(1e-5).Epsilon, Is.Zero);
    }
}
