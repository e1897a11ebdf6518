using MiaRepro.Metrics;
using MiaRepro.Tests.Attacks;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>The grid KDE estimate of KL against the same estimator on scipy's KDEs, and its basic properties.</summary>
[TestFixture]
public sealed class KlDivergenceTests
{
    static IEnumerable<KdeGolden.KlCase> Cases => KdeGolden.Values.Kl;

    [TestCaseSource(nameof(Cases))]
    public void KlDivergence_MatchesScipyKdesOnTheSameGrid(KdeGolden.KlCase c) =>
        Approx.AssertClose(KlDivergence.BetweenSamples(c.P, c.Q, c.GridPoints), c.Kl, 1e-11);

    [Test]
    public void KlDivergence_SameSample_IsZero()
    {
        double[] p = [0.1, 0.4, 0.35, 0.9, 1.3];
        Assert.That(KlDivergence.BetweenSamples(p, p), Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void KlDivergence_LargeGaussianSamples_ApproachTheClosedForm()
    {
        // KDEs of N(0,1) and N(1,2²) samples are ≈ N(0, 1+h₁²) and N(1, 4+h₂²) with h = n^(−1/5)·σ: compare with the
        // closed form for those smoothed Gaussians; what is left is sampling noise of 4000 draws.
        var rng = new Random(21);
        const int n = 4000;
        var p = Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray();
        var q = Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 1, 2)).ToArray();
        var f2 = Math.Pow(n, -0.4);
        var expected = KlDivergence.BetweenGaussians(0, Math.Sqrt(1 + f2), 1, 2 * Math.Sqrt(1 + f2));
        Assert.That(KlDivergence.BetweenSamples(p, q), Is.EqualTo(expected).Within(0.02));
    }

    [Test]
    public void KlDivergence_Gaussians_ClosedForm()
    {
        Assert.That(KlDivergence.BetweenGaussians(0, 1, 0, 1), Is.EqualTo(0));
        Assert.That(KlDivergence.BetweenGaussians(0, 1, 1, 2), Is.EqualTo(Math.Log(2) + 2.0 / 8 - 0.5).Within(1e-15));
    }

    [Test]
    public void KlDivergence_TooCoarseGrid_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => KlDivergence.BetweenSamples([0.0, 1.0], [0.0, 2.0], 1))!.Message, Does.Contain("at least 2"));

    [Test]
    public void KlDivergence_ConstantSample_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => KlDivergence.BetweenSamples([1.0, 1.0], [0.0, 2.0]))!.Message, Does.Contain("bandwidth is 0"));
}
