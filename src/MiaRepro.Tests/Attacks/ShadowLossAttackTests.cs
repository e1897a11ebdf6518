using MiaRepro.Attacks;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// Li et al.'s §5.5 similarity attack on a hand-made case: two shadows' probabilities on four evaluation examples, so
/// every loss, the mean over shadows, each call and the AUC can be worked out by hand.
/// </summary>
[TestFixture]
public sealed class ShadowLossAttackTests
{
    /// <summary>Two-class logits log p, log(1 − p) with label 0: the loss is −log p exactly.</summary>
    static Tensor Logits(double[] p) => tensor(p.SelectMany(q => new[] { Math.Log(q), Math.Log(1 - q) }).ToArray(), [p.Length, 2]);

    static readonly Tensor Labels = zeros([4], int64);
    static readonly bool[] IsMember = [true, false, true, false];

    /// <summary>Loss ≤ 0.2 is a member: reference members' losses 0.1, 0.2, non-members' 1 and 2.</summary>
    static ThresholdAttack Threshold(Signal? signal = null) =>
        ThresholdAttack.Calibrate(ReferenceScores.FromKnownValues(signal ?? SignalRegistry.Loss, [0.1, 0.2], [1.0, 2.0]));

    [Test]
    public void Apply_TwoShadows_ScoreIsMinusTheMeanLoss_CallsAtTheThreshold()
    {
        using var a = Logits([0.9, 0.8, 0.9, 0.3]);
        using var b = Logits([0.8, 0.9, 0.3, 0.6]);
        var outcome = ShadowLossAttack.Apply(Threshold(), [a, b], Labels, IsMember);

        double[] meanLoss =
        [
            -(Math.Log(0.9) + Math.Log(0.8)) / 2,   // 0.164: member under both
            -(Math.Log(0.8) + Math.Log(0.9)) / 2,   // 0.164
            -(Math.Log(0.9) + Math.Log(0.3)) / 2,   // 0.655: shadow a alone would call it a member; the mean does not
            -(Math.Log(0.3) + Math.Log(0.6)) / 2,   // 0.857
        ];
        Assert.That(outcome.Scores.Scores, Is.EqualTo(meanLoss.Select(l => -l)).Within(1e-6));
        Assert.That(outcome.CalledMember, Is.EqualTo(new[] { true, true, false, false }));
        var c = outcome.Decisions.Counts;
        Assert.That((c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives), Is.EqualTo((1, 1, 1, 1)));
        Assert.That(outcome.Decisions.F1, Is.EqualTo(0.5).Within(1e-12));
        // Pairs (member, non-member): (0,1) tie ½, (0,3) 1, (2,1) 0, (2,3) 1 → 2.5 / 4.
        Assert.That(RocCurve.From(outcome.Scores).Auc, Is.EqualTo(0.625).Within(1e-12));
    }

    [Test]
    public void Apply_ThresholdOnAnotherSignal_ErrorNamesIt()
    {
        using var a = Logits([0.9, 0.8, 0.9, 0.3]);
        var e = Assert.Throws<ArgumentException>(() => ShadowLossAttack.Apply(Threshold(SignalRegistry.Confidence), [a], Labels, IsMember))!;
        Assert.That(e.Message, Does.Contain("calibrated on 'confidence'"));
    }

    [Test]
    public void Apply_ShadowOnOtherExamples_ErrorNamesTheShadow()
    {
        using var a = Logits([0.9, 0.8, 0.9, 0.3]);
        using var b = Logits([0.8, 0.9, 0.3]);
        var e = Assert.Throws<ArgumentException>(() => ShadowLossAttack.Apply(Threshold(), [a, b], Labels, IsMember))!;
        Assert.That(e.Message, Does.StartWith("Shadow 1 has logits on 3 examples but the evaluation set has 4"));
        Assert.Throws<ArgumentException>(() => ShadowLossAttack.Apply(Threshold(), [], Labels, IsMember));
    }
}
