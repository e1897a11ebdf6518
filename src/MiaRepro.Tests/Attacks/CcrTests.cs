using MiaRepro.Attacks;
using MiaRepro.Metrics;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>The correct-classification rule on hand-made logits: scores, argmax ties, decisions and AUC.</summary>
[TestFixture]
public sealed class CcrTests
{
    // Rows: right; wrong; tie between classes 0 and 1 with label 0 (first maximum: right); same tie, label 1 (wrong);
    // right with huge logits; wrong.
    static readonly float[] Logits = [2, 1, 0, 0, 3, 1, 1, 1, 0, 1, 1, 0, -1000, 1000, -1000, 5, 4, 6];
    static readonly long[] Labels = [0, 2, 0, 1, 1, 0];
    static readonly bool[] IsMember = [true, false, false, true, true, false];

    static AttackOutcome Outcome() =>
        CorrectClassificationRule.Apply(new TargetEvaluation(tensor(Logits, new long[] { 6, 3 }), tensor(Labels), IsMember));

    [Test]
    public void Ccr_Score_IsOneIffTheArgmaxIsTheLabel()
    {
        var outcome = Outcome();
        Assert.That(outcome.Scores.Scores, Is.EqualTo(new double[] { 1, 0, 1, 0, 1, 0 }));
        Assert.That(outcome.Scores.IsMember, Is.EqualTo(IsMember));
        Assert.That(outcome.CalledMember, Is.EqualTo(new[] { true, false, true, false, true, false }));
    }

    [Test]
    public void Ccr_Decisions_AtHalf()
    {
        var outcome = Outcome();
        Assert.That(outcome.Decisions.Threshold, Is.EqualTo(0.5));
        Assert.That(outcome.Decisions.Counts, Is.EqualTo(new ConfusionCounts(2, 1, 2, 1)));
        Assert.That(outcome.Decisions, Is.EqualTo(ThresholdMetrics.At(outcome.Scores, CorrectClassificationRule.Threshold)));
        Assert.That(outcome.Decisions.Advantage, Is.EqualTo(1.0 / 3).Within(1e-15));
    }

    [Test]
    public void Ccr_Auc_OfABinaryScore_IsTheBalancedAccuracy()
    {
        var outcome = Outcome();
        Assert.That(MembershipReport.From(outcome.Scores).Auc, Is.EqualTo(outcome.Decisions.BalancedAccuracy).Within(1e-15));
    }

    [Test]
    public void Ccr_NaNLogits_Throw()
    {
        var z = zeros(2, 3);
        z[0, 2] = tensor(float.NaN);
        var e = Assert.Throws<ArgumentException>(() => CorrectClassificationRule.Apply(new TargetEvaluation(z, zeros(2, dtype: int64), [true, false])));
        Assert.That(e!.Message, Does.Contain("NaN or ±∞"));
    }
}
