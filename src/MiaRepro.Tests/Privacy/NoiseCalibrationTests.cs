using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>σ for a target ε: found σ gives the target back, and unreachable targets say why.</summary>
[TestFixture]
public sealed class NoiseCalibrationTests
{
    [TestCase(1.0), TestCase(3.0), TestCase(8.0)]
    public void Rdp_RoundTrip_GivesTheTargetBack(double target)
    {
        var sigma = NoiseCalibration.Rdp(target, 0.04, 2250, 1e-5);
        var eps = new RdpAccountant().Compose(sigma, 0.04, 2250).Epsilon(1e-5).Epsilon;
        Assert.That(eps, Is.EqualTo(target).Within(1e-3));
        Assert.That(eps, Is.LessThanOrEqualTo(target), "the σ returned meets the target");
    }

    [Test]
    public void Rdp_IssueGolden_GivesSigma1point5Back()
    {
        // The golden run spends ε = 7.3291…: calibrating to it returns σ = 1.5.
        var eps = new RdpAccountant().Compose(1.5, 0.04, 2250).Epsilon(1e-5).Epsilon;
        Assert.That(NoiseCalibration.Rdp(eps, 0.04, 2250, 1e-5), Is.EqualTo(1.5).Within(1e-5));
    }

    [TestCase(3.0)]
    public void Pld_RoundTrip_GivesTheTargetBackWithLessNoiseThanRdp(double target)
    {
        var sigma = NoiseCalibration.Pld(target, 0.04, 2250, 1e-5);
        var eps = new PldAccountant().Compose(sigma, 0.04, 2250).Epsilon(1e-5).Epsilon;
        Assert.That(eps, Is.EqualTo(target).Within(1e-3));
        Assert.That(sigma, Is.LessThan(NoiseCalibration.Rdp(target, 0.04, 2250, 1e-5)));
    }

    [Test]
    public void Rdp_TargetBelowTheConversionFloor_IsUnreachable()
    {
        // With orders up to 63, even infinite noise leaves ε ≥ (ln(1/δ) − ln 63)/62 + ln(62/63) ≈ 0.10 at δ = 1e-5.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibration.Rdp(0.05, 0.04, 2250, 1e-5));
        Assert.That(ex!.ParamName, Is.EqualTo("epsilon"));
        Assert.That(ex.Message, Does.Contain("unreachable"));
    }

    [Test]
    public void Rdp_TargetMetWithAlmostNoNoise_SaysSo()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibration.Rdp(1e6, 0.001, 1, 1e-5));
        Assert.That(ex!.Message, Does.Contain("met even at σ"));
    }

    [TestCase(0.0, 0.04, "epsilon"), TestCase(-1.0, 0.04, "epsilon"), TestCase(1.0, 0.0, "samplingRate"), TestCase(1.0, 1.5, "samplingRate")]
    public void Rdp_BadTarget_NamesTheParameter(double epsilon, double q, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibration.Rdp(epsilon, q, 100, 1e-5));
        Assert.That(ex!.ParamName, Is.EqualTo(parameter));
    }
}
