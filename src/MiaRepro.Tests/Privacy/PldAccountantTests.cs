using System.Diagnostics;
using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>The PLD accountant against the numpy reference's own discretisation, the RDP bound and, at q = 1, the
/// exact Gaussian ε.</summary>
[TestFixture]
public sealed class PldAccountantTests
{
    static IEnumerable<GoldenPoint> Points => DpAccountantGolden.Values.Points;

    [TestCaseSource(nameof(Points))]
    public void Epsilon_GoldenPoints_MatchNumpyAndStayBelowRdp(GoldenPoint g)
    {
        var watch = Stopwatch.StartNew();
        var eps = new PldAccountant().Compose(g.Sigma, g.Q, g.Steps).Epsilon(g.Delta);
        TestContext.Out.WriteLine($"{g.Name}: PLD ε = {eps.Epsilon:F6} (remove {eps.Remove:F6}, add {eps.Add:F6}), numpy {g.PldEpsilon:F6} " +
                                  $"[{g.PldLowerBracket:F6}, {g.PldUpperBracket:F6}], RDP {g.RdpEpsilon:F6}; {watch.ElapsedMilliseconds} ms");
        Assert.That(eps.Epsilon, Is.EqualTo(g.PldEpsilon).Within(0.02), "the issue's tolerance against the numpy discretisation");
        Assert.That(eps.Epsilon, Is.LessThanOrEqualTo(g.RdpEpsilon), "PLD is tighter than RDP");
        Assert.That(eps.Remove, Is.EqualTo(g.PldEpsilonRemove).Within(0.02));
        Assert.That(eps.Add, Is.EqualTo(g.PldEpsilonAdd).Within(0.02));
        // The reference's round-down and round-up composed distributions bracket the true ε.
        Assert.That(eps.Epsilon, Is.InRange(g.PldLowerBracket, g.PldUpperBracket));
    }

    [Test]
    public void Epsilon_IssueGolden_IsPessimisticButClose()
    {
        var g = DpAccountantGolden.Point("issue-40-golden");
        var eps = new PldAccountant().Compose(g.Sigma, g.Q, g.Steps).Epsilon(g.Delta).Epsilon;
        // Connect the dots over-reports; the numpy estimate (nearest rounding, h = 5e-5) is within 1e-5 of the truth.
        Assert.That(eps, Is.GreaterThanOrEqualTo(g.PldEpsilon - 1e-4).And.LessThan(g.PldEpsilon + 0.01));
    }

    [Test]
    public void Epsilon_FullBatch_IsAtLeastTheExactGaussianValue()
    {
        var g = DpAccountantGolden.Point("full-batch-gaussian");
        var eps = new PldAccountant().Compose(g.Sigma, g.Q, g.Steps).Epsilon(g.Delta).Epsilon;
        Assert.That(eps, Is.GreaterThanOrEqualTo(g.PldExact!.Value).And.LessThan(g.PldExact.Value + 1e-3));
    }

    [Test]
    public void Delta_AtItsOwnEpsilon_GivesTheDelta()
    {
        var accountant = new PldAccountant().Compose(1.5, 0.04, 2250);
        var eps = accountant.Epsilon(1e-5).Epsilon;
        Assert.That(accountant.Delta(eps), Is.EqualTo(1e-5).Within(1e-12));
        Assert.That(accountant.Delta(eps - 0.05), Is.GreaterThan(1e-5));
    }

    [Test]
    public void Compose_TwoPhasesOfTheSameSteps_EqualsOnePhase()
    {
        var split = new PldAccountant().Compose(1.5, 0.04, 1000).Compose(1.5, 0.04, 1250).Epsilon(1e-5).Epsilon;
        var whole = new PldAccountant().Compose(1.5, 0.04, 2250).Epsilon(1e-5).Epsilon;
        Assert.That(split, Is.EqualTo(whole).Within(1e-9));
    }

    [Test]
    public void Compose_MixedPhases_LieBetweenTheirUniformRuns()
    {
        double Eps(params (double S, double Q, int T)[] phases)
        {
            var a = new PldAccountant();
            foreach (var (s, q, t) in phases) a.Compose(s, q, t);
            return a.Epsilon(1e-5).Epsilon;
        }
        var mixed = Eps((1.5, 0.04, 500), (1.0, 0.04, 500));
        Assert.That(mixed, Is.InRange(Eps((1.5, 0.04, 1000)), Eps((1.0, 0.04, 1000))));
        Assert.That(mixed, Is.LessThanOrEqualTo(new RdpAccountant().Compose(1.5, 0.04, 500).Compose(1.0, 0.04, 500).Epsilon(1e-5).Epsilon));
    }

    [Test]
    public void Epsilon_GrowsWithStepsAndSamplingRate_FallsWithNoise()
    {
        double Eps(double sigma, double q, int steps) => new PldAccountant().Compose(sigma, q, steps).Epsilon(1e-5).Epsilon;
        Assert.That(new[] { 100, 500, 2250 }.Select(t => Eps(1.5, 0.04, t)), Is.Ordered.Ascending.And.Unique);
        Assert.That(new[] { 0.01, 0.04, 0.2 }.Select(q => Eps(1.5, q, 500)), Is.Ordered.Ascending.And.Unique);
        Assert.That(new[] { 1.0, 1.5, 3.0 }.Select(s => Eps(s, 0.04, 500)), Is.Ordered.Descending.And.Unique);
    }

    [Test]
    public void Epsilon_NoSamplingOrNothingComposed_IsZero()
    {
        Assert.That(new PldAccountant().Epsilon(1e-5).Epsilon, Is.Zero);
        Assert.That(new PldAccountant().Compose(1.0, 0.0, 1000).Epsilon(1e-5).Epsilon, Is.Zero);
    }

    [Test]
    public void Step_MassesSumToOne()
    {
        foreach (var direction in new[] { Adjacency.Remove, Adjacency.Add })
        foreach (var (s, q) in new[] { (1.5, 0.04), (4.0, 1.0), (0.8, 0.5) })
        {
            var pmf = SubsampledGaussianPld.Step(s, q, 1e-4, direction);
            Assert.That(pmf.Probabilities.Sum() + pmf.InfinityMass, Is.EqualTo(1).Within(1e-12), $"{direction} σ={s} q={q}");
        }
    }
}
