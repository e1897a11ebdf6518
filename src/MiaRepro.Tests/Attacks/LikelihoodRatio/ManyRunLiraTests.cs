using MiaRepro.Attacks.LikelihoodRatio;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks.LikelihoodRatio;

/// <summary>LiRA over a many-run audit's runs: Gaussians fitted on the threshold half only, by hand.</summary>
public sealed class ManyRunLiraTests
{
    [Test]
    public void Scores_FitTheFirstRunsOnly_AndAreTheLogDensityRatio()
    {
        // First 4 runs (fitted): IN φ 2 and 4 (μ 3, σ 1), OUT φ 0 and 1 (μ 0.5, σ 0.5). The last two never enter the fit.
        double[] phi = [2, 0, 4, 1, 100, -100];
        bool[] included = [true, false, true, false, true, false];
        var scores = ManyRunLira.Scores(phi, included, fitRuns: 4);
        static double LogNormal(double x, double mu, double sigma) => -0.5 * Math.Log(2 * Math.PI) - Math.Log(sigma) - (x - mu) * (x - mu) / (2 * sigma * sigma);
        Assert.That(scores, Is.EqualTo(phi.Select(v => LogNormal(v, 3, 1) - LogNormal(v, 0.5, 0.5)).ToArray()).Within(1e-9));
    }

    [Test]
    public void Scores_OneRunASideInTheFit_NamesTheFix()
    {
        var e = Assert.Throws<ArgumentException>(() => ManyRunLira.Scores([1.0, 0, 1, 0], [true, false, true, false], fitRuns: 2));
        Assert.That(e!.Message, Does.Contain("at least 2 a side").And.Contain("at least 8 runs"));
    }

    [TestCase(2.0)]
    [TestCase(1e-8)]
    [TestCase(40.0)]
    public void LogitScaledFromLoss_IsLogOddsOfTheLabel(double loss)
    {
        var p = Math.Exp(-loss);
        var expected = loss > 1e-6 ? Math.Log(p / (1 - p)) : -Math.Log(loss);   // 1 − e^−ℓ ≈ ℓ for tiny ℓ
        Assert.That(ManyRunLira.LogitScaledFromLoss(loss), Is.EqualTo(expected).Within(1e-6 * Math.Max(1, Math.Abs(expected))));
    }

    [Test]
    public void LogitScaledFromLoss_ZeroLoss_StaysFinite() => Assert.That(double.IsFinite(ManyRunLira.LogitScaledFromLoss(0)), Is.True);
}
