using MiaRepro.Attacks;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>ROC points, AUC and TPR at fixed FPR against sklearn (golden values), and the edge cases by hand.</summary>
[TestFixture]
public sealed class RocCurveTests
{
    static IEnumerable<string> Cases => MetricsGolden.CaseNames;

    [TestCaseSource(nameof(Cases))]
    public void Points_GoldenCase_MatchSklearnRocCurve(string name)
    {
        var golden = MetricsGolden.Case(name);
        var roc = RocCurve.From(golden.ToScores());
        // Same integer counts divided by the same class sizes: the rates agree bit for bit.
        Assert.That(roc.Points.Select(p => p.Fpr), Is.EqualTo(golden.Roc.Fpr));
        Assert.That(roc.Points.Select(p => p.Tpr), Is.EqualTo(golden.Roc.Tpr));
        Assert.That(roc.Points.Skip(1).Select(p => p.Threshold), Is.EqualTo(golden.Roc.Thresholds.Skip(1).Select(t => t!.Value)));
        Assert.That(roc.Points[0].Threshold, Is.EqualTo(double.PositiveInfinity));
    }

    [TestCaseSource(nameof(Cases))]
    public void Auc_GoldenCase_MatchesSklearn(string name)
    {
        var golden = MetricsGolden.Case(name);
        Assert.That(RocCurve.From(golden.ToScores()).Auc, Is.EqualTo(golden.Auc).Within(1e-12));
    }

    [Test]
    public void Auc_TiedScores_MatchesSklearn()
    {
        var golden = MetricsGolden.Case("heavy-ties");
        Assert.That(golden.Scores.Distinct().Count(), Is.EqualTo(5), "the case has five score levels for 120 examples");
        Assert.That(RocCurve.From(golden.ToScores()).Auc, Is.EqualTo(golden.Auc).Within(1e-12));
    }

    [Test]
    public void Points_TiedScores_FormOnePoint()
    {
        // Scores 0.9(m), 0.5(m), 0.5(n), 0.1(n): the tie at 0.5 is one diagonal step, not two.
        var roc = RocCurve.From(new([0.9, 0.5, 0.5, 0.1], [true, true, false, false]));
        Assert.That(roc.Points.Select(p => (p.Fpr, p.Tpr)), Is.EqualTo(new[] { (0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0) }));
        Assert.That(roc.Auc, Is.EqualTo(0.875));
    }

    [Test]
    public void Auc_AllEqualScores_IsHalf()
    {
        var roc = RocCurve.From(new(Enumerable.Repeat(0.3, 7).ToArray(), [true, false, false, true, false, false, false]));
        Assert.That(roc.Auc, Is.EqualTo(0.5));
        Assert.That(roc.Points, Has.Count.EqualTo(2), "(0,0) and (1,1) only");
    }

    [Test]
    public void Auc_ReversedScores_GivesOneMinusAuc()
    {
        var golden = MetricsGolden.Case("random-imbalanced");
        var reversed = new MembershipScores(golden.Scores.Select(s => -s).ToArray(), golden.IsMember);
        Assert.That(RocCurve.From(reversed).Auc, Is.EqualTo(1 - golden.Auc).Within(1e-12));
    }

    [Test]
    public void Auc_ReversedPolarity_IsNotFlipped()
    {
        Assert.That(RocCurve.From(MetricsGolden.Case("reversed-polarity").ToScores()).Auc, Is.EqualTo(0.0));
        Assert.That(RocCurve.From(MetricsGolden.Case("perfectly-separated").ToScores()).Auc, Is.EqualTo(1.0));
    }

    [TestCaseSource(nameof(Cases))]
    public void TprAtFpr_GoldenCase_IsHighestTprWithinFprOnSklearnCurve(string name)
    {
        var golden = MetricsGolden.Case(name);
        var roc = RocCurve.From(golden.ToScores());
        foreach (var target in golden.TprAtFpr)
            Assert.That(roc.TprAtFpr(target.Fpr), Is.EqualTo(target.Tpr), $"TPR at FPR ≤ {target.Fpr}");
    }

    [Test]
    public void TprAtFpr_ZeroFpr_IsTprBeforeTheFirstFalsePositive()
    {
        // Two members above every non-member, then a member tied with a non-member.
        var roc = RocCurve.From(new([0.9, 0.8, 0.5, 0.5, 0.2, 0.1], [true, true, true, false, false, false]));
        Assert.That(roc.TprAtFpr(0), Is.EqualTo(2.0 / 3));
        Assert.That(roc.PointAtFpr(0).Threshold, Is.EqualTo(0.8));
    }

    [Test]
    public void TprAtFpr_NoMemberAboveEveryNonMember_IsZeroAtZeroFpr()
    {
        var roc = RocCurve.From(new([0.9, 0.8, 0.1], [false, true, true]));
        Assert.That(roc.TprAtFpr(0), Is.EqualTo(0));
        Assert.That(roc.PointAtFpr(0).Threshold, Is.EqualTo(double.PositiveInfinity));
        Assert.That(roc.TprAtFpr(1), Is.EqualTo(1));
    }

    [TestCase(-0.01)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void TprAtFpr_OutsideZeroOne_Throws(double fpr)
    {
        var roc = RocCurve.From(new([0.9, 0.1], [true, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => roc.TprAtFpr(fpr));
    }

    [Test]
    public void From_OnlyMembers_SaysBothClassesAreNeededAndWhatItGot()
    {
        var e = Assert.Throws<ArgumentException>(() => RocCurve.From(new([0.2, 0.4, 0.6], [true, true, true])))!;
        Assert.That(e.Message, Does.Contain("ROC").And.Contain("both members and non-members").And.Contain("3 member(s)").And.Contain("0 non-member(s)"));
    }

    [Test]
    public void From_OnlyNonMembers_SaysBothClassesAreNeededAndWhatItGot()
    {
        var e = Assert.Throws<ArgumentException>(() => RocCurve.From(new([0.2, 0.4], [false, false])))!;
        Assert.That(e.Message, Does.Contain("0 member(s)").And.Contain("2 non-member(s)"));
    }

    [Test]
    public void From_NaNScore_IsRejectedByMembershipScores()
    {
        var e = Assert.Throws<ArgumentException>(() => RocCurve.From(new([0.2, double.NaN], [true, false])))!;
        Assert.That(e.Message, Does.Contain("Score 1 is NaN").And.Contain("finite"));
    }

    [Test]
    public void From_DoesNotReorderTheCallersArrays()
    {
        double[] scores = [0.1, 0.9, 0.5];
        bool[] members = [false, true, true];
        RocCurve.From(new(scores, members));
        Assert.That(scores, Is.EqualTo(new[] { 0.1, 0.9, 0.5 }));
        Assert.That(members, Is.EqualTo(new[] { false, true, true }));
    }
}
