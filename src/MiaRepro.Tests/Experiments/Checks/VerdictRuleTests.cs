using MiaRepro.Checks;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Checks;

/// <summary>The one verdict rule, case by case: each test is a way a band filled from its own run used to say more
/// than the run could tell.</summary>
public sealed class VerdictRuleTests
{
    static readonly VerdictRule.Binomial Percent10k = new(10_000, 100);

    [Test]
    public void Near_PaperInsideAlternativeOutside_Reproduces()
    {
        // Target accuracy 99.1 % (paper) against its neighbour 98.0 %, three seeds on 10,000 test images: σ is the
        // binomial 0.094 (the seeds agree more closely), band 2·0.094·√(4/3) + 0.05 = 0.268.
        var j = VerdictRule.Near([99.05, 99.12, 99.08], paper: 99.1, alternative: 98.0, roundingUnit: 0.1, binomial: Percent10k);
        Assert.That(j.Word, Is.EqualTo(Verdicts.Reproduces));
        Assert.That(j.Band, Is.EqualTo(2 * 100 * Math.Sqrt(0.99083 * 0.00917 / 10_000) * Math.Sqrt(4.0 / 3) + 0.05).Within(1e-3));
    }

    [Test]
    public void Near_FewerThanThreeSeeds_IsInconclusive_HoweverClose()
    {
        var j = VerdictRule.Near([99.1], paper: 99.1, alternative: 98.0, roundingUnit: 0.1, binomial: Percent10k);
        Assert.That(j.Word, Is.EqualTo(Verdicts.Inconclusive));
        Assert.That(j.Why, Does.Contain("1 seed"));
        Assert.That(VerdictRule.Near([99.1, 99.1], 99.1, 98.0).Word, Is.EqualTo(Verdicts.Inconclusive));
    }

    [Test]
    public void Near_PaperAndAlternativeBothInside_IsInconclusive()
    {
        // "CCR ≈ 50.53": on 2,000 examples the binomial sd alone is 1.1 points, so a coin toss (50) is inside too.
        var j = VerdictRule.Near([50.2, 50.9, 50.4], paper: 50.53, alternative: 50, roundingUnit: 0.01, binomial: new(2_000, 100));
        Assert.That(j.Word, Is.EqualTo(Verdicts.Inconclusive));
        Assert.That(j.Why, Does.Contain("both lie inside"));
    }

    [Test]
    public void Near_PaperOutsideTheBand_Deviates_NeverReproduces()
    {
        var j = VerdictRule.Near([0.670, 0.673, 0.670], paper: 0.94, alternative: 0.667, roundingUnit: 0.01, binomial: new(10_000, 1));
        Assert.That(j.Word, Is.EqualTo(Verdicts.Deviates));
    }

    [Test]
    public void Near_SeedSpreadWiderThanBinomial_SetsSigma()
    {
        var j = VerdictRule.Near([60, 64, 68], paper: 64, alternative: 50, roundingUnit: 1, binomial: Percent10k);
        Assert.That(j.Band, Is.EqualTo(2 * 4 * Math.Sqrt(4.0 / 3) + 0.5).Within(1e-9));
        Assert.That(j.Word, Is.EqualTo(Verdicts.Reproduces));
    }

    [Test]
    public void Ordering_SeedsDisagreeingInSign_IsInconclusive_NotHolds()
    {
        // kde-ce-fpr-largest as written: margins +1.05 / +1.70 / −1.06; a strict inequality on the mean "held".
        var j = VerdictRule.Ordering([1.05, 1.70, -1.06]);
        Assert.That(j.Word, Is.EqualTo(Verdicts.Inconclusive));
    }

    [TestCase(new[] { 2.0, 2.5, 3.0 }, Verdicts.Holds)]
    [TestCase(new[] { -2.0, -2.5, -3.0 }, Verdicts.Fails)]
    [TestCase(new[] { 2.0, 2.5 }, Verdicts.Inconclusive)]
    [TestCase(new[] { 0.1, -0.1, 0.05, -0.02 }, Verdicts.Inconclusive)]
    public void Ordering_TwoStandardErrors(double[] differences, string expected) =>
        Assert.That(VerdictRule.Ordering(differences).Word, Is.EqualTo(expected));

    [Test]
    public void Ordering_IdenticalSeeds_HoldByAnyMargin_ButOnlyWithThreeOfThem()
    {
        // Zero spread: the standard error is 0, so any positive difference is beyond it; a deterministic pipeline's
        // repeat seeds would agree, which is why seeds must differ in everything that is random.
        Assert.That(VerdictRule.Ordering([0.5, 0.5, 0.5]).Word, Is.EqualTo(Verdicts.Holds));
        Assert.That(VerdictRule.Ordering([0.5]).Word, Is.EqualTo(Verdicts.Inconclusive));
    }

    [TestCase(Verdicts.Holds, false, Verdicts.Fails)]
    [TestCase(Verdicts.Reproduces, false, Verdicts.Fails)]
    [TestCase(Verdicts.Fails, false, Verdicts.Holds)]
    [TestCase(Verdicts.Deviates, false, Verdicts.Holds)]
    [TestCase(Verdicts.Inconclusive, false, Verdicts.Inconclusive)]
    [TestCase(Verdicts.Holds, true, Verdicts.Fails)]
    [TestCase(Verdicts.Fails, true, Verdicts.Holds)]
    [TestCase(Verdicts.Inconclusive, true, Verdicts.Holds)]
    public void Control_ThatPasses_FailsTheClaim(string onControlInput, bool ordering, string controlLine) =>
        Assert.That(VerdictRule.Control(onControlInput, ordering), Is.EqualTo(controlLine));

    [Test]
    public void Flat_EveryStepZeroWithinItsBand_AlternativeOutside_Holds()
    {
        // Two steps of a sweep, three seeds: changes scatter around 0 with sd ≈ 0.3; a 2-point rise is outside the band.
        var j = VerdictRule.Flat([[0.2, -0.3, 0.1], [-0.1, 0.4, -0.2]], alternative: 2);
        Assert.That(j.Word, Is.EqualTo(Verdicts.Holds));
        Assert.That(VerdictRule.Flat([[0.2, -0.3, 0.1], [1.9, 2.1, 2.0]], alternative: 2).Word, Is.EqualTo(Verdicts.Deviates), "a step rises by 2 on every seed");
        Assert.That(VerdictRule.Flat([[1.5, -1.5, 0.5], [0, 0.1, -0.1]], alternative: 2).Word, Is.EqualTo(Verdicts.Inconclusive), "the noisy step cannot tell 0 from 2");
        Assert.That(VerdictRule.Flat([[0.1, -0.1]], alternative: 2).Word, Is.EqualTo(Verdicts.Inconclusive), "2 seeds");
    }

    [Test]
    public void Worst_OrdersFailsDeviatesInconclusiveHolds()
    {
        Assert.That(VerdictRule.Worst([Verdicts.Reproduces, Verdicts.Holds]), Is.EqualTo(Verdicts.Holds));
        Assert.That(VerdictRule.Worst([Verdicts.Reproduces, Verdicts.Inconclusive, Verdicts.Measured]), Is.EqualTo(Verdicts.Inconclusive));
        Assert.That(VerdictRule.Worst([Verdicts.Inconclusive, Verdicts.Deviates, Verdicts.Holds]), Is.EqualTo(Verdicts.Deviates));
        Assert.That(VerdictRule.Worst([Verdicts.Deviates, Verdicts.Fails]), Is.EqualTo(Verdicts.Fails));
        Assert.That(VerdictRule.Worst([Verdicts.Measured, Verdicts.NotRun]), Is.EqualTo(Verdicts.Inconclusive));
    }

    [TestCase("99.89", 0.01)]
    [TestCase("86", 1.0)]
    [TestCase("0.8", 0.1)]
    [TestCase("-1.25", 0.01)]
    public void RoundingUnit_IsTheLastPrintedDigits(string printed, double unit) =>
        Assert.That(VerdictRule.RoundingUnit(printed), Is.EqualTo(unit).Within(1e-12));

    [Test]
    public void RoundingUnit_NotAPrintedNumber_SaysSo() =>
        Assert.That(() => VerdictRule.RoundingUnit("1e-3"), Throws.ArgumentException.With.Message.Contains("not a number as a paper prints it"));
}
