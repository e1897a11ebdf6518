using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>Bad input to any accountant or to the one-run audit is an ArgumentException naming the parameter and its allowed range.</summary>
[TestFixture]
public sealed class PrivacyArgumentTests
{
    public static IEnumerable<TestCaseData> BadCalls()
    {
        TestCaseData Case(string name, string parameter, string range, Action call) => new TestCaseData(call, parameter, range).SetName($"Accountant_{name}_Throws");
        TestCaseData Audit(string name, string parameter, string range, Action call) => new TestCaseData(call, parameter, range).SetName($"OneRunAudit_{name}_Throws");
        yield return Case("ZeroSigma", "noiseMultiplier", "> 0", () => new RdpAccountant().Compose(0, 0.1, 10));
        yield return Case("NegativeSigma", "noiseMultiplier", "> 0", () => new PldAccountant().Compose(-1, 0.1, 10));
        yield return Case("NaNSigma", "noiseMultiplier", "> 0", () => SubsampledGaussianRdp.Epsilon(double.NaN, 0.1, 2));
        yield return Case("NegativeQ", "samplingRate", "[0, 1]", () => new RdpAccountant().Compose(1, -0.1, 10));
        yield return Case("QAboveOne", "samplingRate", "[0, 1]", () => new PldAccountant().Compose(1, 1.01, 10));
        yield return Case("ZeroSteps", "steps", "≥ 1", () => new RdpAccountant().Compose(1, 0.1, 0));
        yield return Case("NegativeSteps", "steps", "≥ 1", () => new PldAccountant().Compose(1, 0.1, -5));
        yield return Case("ZeroDelta", "delta", "(0, 1)", () => new RdpAccountant().Compose(1, 0.1, 10).Epsilon(0));
        yield return Case("DeltaOne", "delta", "(0, 1)", () => new PldAccountant().Compose(1, 0.1, 10).Epsilon(1));
        yield return Case("OrderOne", "orders", "> 1", () => new RdpAccountant([1.0, 2.0]));
        yield return Case("OrderBelowOne", "order", "> 1", () => SubsampledGaussianRdp.Epsilon(1, 0.1, 0.5));
        yield return Case("ZeroInterval", "interval", "> 0", () => new PldAccountant(interval: 0));
        yield return Case("NegativeEpsilon", "epsilon", "≥ 0", () => new PldAccountant().Delta(-1));
        yield return Audit("VAboveR", "v", "[0, r]", () => OneRunAudit.EpsilonLowerBound(100, 10, 11, 0, 0.05));
        yield return Audit("NegativeV", "v", "[0, r]", () => OneRunAudit.EpsilonLowerBound(100, 10, -1, 0, 0.05));
        yield return Audit("RAboveM", "r", "[0, m]", () => OneRunAudit.EpsilonLowerBound(100, 101, 50, 0, 0.05));
        yield return Audit("ZeroM", "m", "≥ 1", () => OneRunAudit.EpsilonLowerBound(0, 0, 0, 0, 0.05));
        yield return Audit("BetaZero", "beta", "(0, 1)", () => OneRunAudit.EpsilonLowerBound(100, 10, 10, 0, 0));
        yield return Audit("BetaOne", "beta", "(0, 1)", () => OneRunAudit.EpsilonLowerBound(100, 10, 10, 0, 1));
        yield return Audit("BetaNaN", "beta", "(0, 1)", () => OneRunAudit.EpsilonLowerBound(100, 10, 10, 0, double.NaN));
        yield return Audit("NegativeDelta", "delta", "[0, 1)", () => OneRunAudit.EpsilonLowerBound(100, 10, 10, -1e-5, 0.05));
        yield return Audit("DeltaOne", "delta", "[0, 1)", () => OneRunAudit.EpsilonLowerBound(100, 10, 10, 1, 0.05));
        yield return Audit("NegativeEpsilon", "epsilon", "≥ 0", () => OneRunAudit.PValue(100, 10, 10, -1, 0));
        yield return Audit("KPositiveAboveM", "kPositive", "[0, m]", () => OneRunGuesses.FromScores([1.0, 2.0], [true, false], 3, 0));
        yield return Audit("KNegativeTooMany", "kNegative", "[0, m − k₊]", () => OneRunGuesses.FromScores([1.0, 2.0], [true, false], 1, 2));
    }

    [TestCaseSource(nameof(BadCalls))]
    public void BadArgument_ThrowsNamingParameterAndRange(Action call, string parameter, string range)
    {
        var ex = Assert.Throws(Is.InstanceOf<ArgumentException>(), call) as ArgumentException;
        Assert.That(ex!.ParamName, Is.EqualTo(parameter));
        Assert.That(ex.Message, Does.Contain(parameter).And.Contain(range));
    }

    [Test]
    public void RdpAccountant_NoOrders_Throws() =>
        Assert.That(() => new RdpAccountant([]), Throws.ArgumentException.With.Property("ParamName").EqualTo("orders"));
}
