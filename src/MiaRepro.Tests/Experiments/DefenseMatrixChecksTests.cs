using MiaRepro.Experiments;
using MiaRepro.Experiments.DefenseMatrix;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The defense-matrix assertions on hand-made cells: each kind holds or fails, and bad references are clear errors.</summary>
[TestFixture]
public sealed class DefenseMatrixChecksTests
{
    static DefenseMatrixCell Cell(string defense, string attack, double advantage) =>
        new("v", defense, attack, Stat.Of([50 + advantage / 2]), Stat.Of([advantage - 1, advantage + 1]), Stat.Of([60]), Stat.Of([2]));

    static readonly DefenseMatrixCell[] Cells =
    [
        Cell("none", "kde", 35), Cell("none", "ccr", 34), Cell("L2 λ=0.01", "kde", 2), Cell("L2 λ=0.01", "ccr", 3),
        Cell("top-1", "kde", 34), Cell("top-1", "ccr", 34),
        new("v", "label-only", "kde", null, null, null, null, "constant losses"),
    ];

    static readonly DefenseUtility[] Utility = [new("v", "none", 93, 51), new("v", "L2 λ=0.01", 63, 61), new("v", "top-1", 93, 51), new("v", "label-only", 93, 51)];

    static ClaimOutcome Evaluate(params DefenseAssertion[] assertions) => DefenseMatrixChecks.Evaluate(
        new ExperimentSpec { Paper = "p", Claim = "m", Check = new ClaimCheck { Kind = "assertions", DefenseAssertions = assertions.ToList() } }, Cells, Utility);

    [Test]
    public void LowerThan_HoldsWhenTheDefenseLowersIt_FailsWhenItDoesNot()
    {
        var l2 = new DefenseAssertion { Kind = "lower-than", What = "L2 lowers KDE", Defense = "L2 λ=0.01", Attack = "kde", Tolerance = 10 };
        var line = Evaluate(l2).Lines.Single();
        Assert.That((line.Verdict, line.Measured), Is.EqualTo(("holds", -33.0)));
        var top1 = new DefenseAssertion { Kind = "lower-than", What = "top-1 lowers KDE", Defense = "top-1", Attack = "kde", Tolerance = 10 };
        Assert.That(Evaluate(top1).Passed, Is.False);
    }

    [Test]
    public void NearCell_ComparesAcrossAttacksAndUtility()
    {
        var same = new DefenseAssertion { Kind = "near-cell", What = "top-1 kde ≈ ccr undefended", Defense = "top-1", Attack = "kde", OtherAttack = "ccr", Tolerance = 1 };
        Assert.That(Evaluate(same).Passed, Is.True);
        var cost = new DefenseAssertion { Kind = "near-cell", What = "L2 costs no accuracy", Defense = "L2 λ=0.01", Metric = "test-accuracy", Tolerance = 1 };
        var line = Evaluate(cost).Lines.Single();
        Assert.That((line.Verdict, line.Measured), Is.EqualTo(("fails", 10.0)));
        Assert.That(line.Detail, Does.Contain("test-accuracy of L2 λ=0.01 61.00").And.Contain("test-accuracy of none 51.00"));
    }

    [Test]
    public void RecordedDeviation_AssertsStability()
    {
        var a = new DefenseAssertion { Kind = "lower-than", What = "top-1 lowers KDE", Defense = "top-1", Attack = "kde", Tolerance = 10, Recorded = -1, Stability = 2, Reason = "label-only attacks" };
        Assert.That(Evaluate(a).Lines.Single().Verdict, Is.EqualTo("deviates"));
        a.Recorded = -20;
        Assert.That(Evaluate(a).Lines.Single().Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void UnknownCellOrEmptyCell_IsAClearError()
    {
        var missing = new DefenseAssertion { Kind = "at-most", What = "x", Defense = "rounding 1d", Attack = "kde", Value = 5 };
        Assert.That(Assert.Throws<ExperimentException>(() => Evaluate(missing))!.Message, Does.Contain("rounding 1d × kde"));
        var empty = new DefenseAssertion { Kind = "at-most", What = "x", Defense = "label-only", Attack = "kde", Value = 5 };
        Assert.That(Assert.Throws<ExperimentException>(() => Evaluate(empty))!.Message, Does.Contain("constant losses"));
    }

    [Test]
    public void MeasuredOnly_ListsEveryCellWithItsUtility()
    {
        var o = DefenseMatrixChecks.Evaluate(new ExperimentSpec { Check = new ClaimCheck { Kind = "none" } }, Cells, Utility);
        Assert.That(o.Lines, Has.Count.EqualTo(Cells.Length));
        Assert.That(o.Lines.Select(l => l.Verdict), Is.All.EqualTo("measured"));
        Assert.That(o.Lines[2].Detail, Does.Contain("test accuracy 61.00%"));
    }
}
