using MiaRepro.Attacks;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>The auditor's canary scores, re-derived by hand.</summary>
public sealed class GradientCanaryAttackTests
{
    [Test]
    public void EveryStep_SumsThePerStepLogLikelihoodRatio()
    {
        // q = ½, c = 1, s = 1: per step log(½ + ½·exp((2x − 1)/2)).
        double Term(double x) => Math.Log(0.5 + 0.5 * Math.Exp((2 * x - 1) / 2.0));
        var scores = GradientCanaryAttack.EveryStep([[1.0, 0.0], [0.0, 2.0]], 0.5, 1, 1);
        Assert.That(scores[0], Is.EqualTo(Term(1) + Term(0)).Within(1e-14));
        Assert.That(scores[1], Is.EqualTo(Term(0) + Term(2)).Within(1e-14));
    }

    [Test]
    public void EveryStep_LargeObservation_StaysFinite()
    {
        // exp((2·50·1 − 1)/(2·0.01²)) overflows a double; the log-sum-exp form does not.
        var scores = GradientCanaryAttack.EveryStep([[50.0]], 0.1, 1, 0.01);
        Assert.That(scores[0], Is.EqualTo(Math.Log(0.1) + 99 / (2 * 1e-4)).Within(1e-6));
    }

    [Test]
    public void EveryStep_NoNoiseClaimed_IsTheSum() =>
        Assert.That(GradientCanaryAttack.EveryStep([[1.0, 0.5], [2.0, -1.0]], 0.5, 1, 0), Is.EqualTo(new[] { 3.0, -0.5 }));

    [Test]
    public void FinalModel_IsTheWeightsDrop() =>
        Assert.That(GradientCanaryAttack.FinalModel([1.0, 2.0], [0.25, 3.0]), Is.EqualTo(new[] { 0.75, -1.0 }));

    [Test]
    public void EveryStep_BadInput_NamesIt()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => GradientCanaryAttack.EveryStep([[double.NaN]], 0.5, 1, 1))!.Message, Does.Contain("diverged"));
        Assert.Throws<ArgumentException>(() => GradientCanaryAttack.EveryStep([], 0.5, 1, 1));
        Assert.Throws<ArgumentException>(() => GradientCanaryAttack.EveryStep([[1.0, 2.0], [1.0]], 0.5, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCanaryAttack.EveryStep([[1.0]], 0, 1, 1));
    }
}
