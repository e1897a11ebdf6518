using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>The DP hypothesis-testing bound, by hand: TPR ≤ e^ε·FPR + δ, and (2ε, (1 + e^ε)δ) for a replacement.</summary>
[TestFixture]
public sealed class DpTradeOffTests
{
    [Test]
    public void MaxTpr_IsEToTheEpsilonTimesFprPlusDelta_AtMostOne()
    {
        Assert.That(DpTradeOff.MaxTpr(1, 1e-5, 0.01), Is.EqualTo(Math.E * 0.01 + 1e-5).Within(1e-15));
        Assert.That(DpTradeOff.MaxTpr(0, 0, 0.3), Is.EqualTo(0.3), "ε = 0: no test beats chance");
        Assert.That(DpTradeOff.MaxTpr(5, 1e-5, 0.5), Is.EqualTo(1));
    }

    /// <summary>The claim file's values: 2.721 % at 1 % FPR for ε = 0.5 and 0.743 % at 0.1 % FPR for ε = 1.</summary>
    [Test]
    public void MaxTprReplaceOne_DoublesEpsilon_AndGrowsDelta()
    {
        Assert.That(100 * DpTradeOff.MaxTprReplaceOne(0.5, 1e-5, 0.01), Is.EqualTo(100 * (Math.E * 0.01 + (1 + Math.Exp(0.5)) * 1e-5)).Within(1e-12));
        Assert.That(100 * DpTradeOff.MaxTprReplaceOne(0.5, 1e-5, 0.01), Is.EqualTo(2.721).Within(5e-4));
        Assert.That(100 * DpTradeOff.MaxTprReplaceOne(1, 1e-5, 0.001), Is.EqualTo(0.743).Within(5e-4));
    }

    [TestCase(-1, 1e-5, 0.01, "epsilon")]
    [TestCase(1, 1.5, 0.01, "delta")]
    [TestCase(1, 1e-5, 1.5, "fpr")]
    public void MaxTpr_BadArgument_NamesIt(double epsilon, double delta, double fpr, string name)
    {
        var e = Assert.Catch<ArgumentException>(() => DpTradeOff.MaxTpr(epsilon, delta, fpr))!;
        Assert.That(e.ParamName, Is.EqualTo(name));
    }
}
