using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>Per-target thresholds and per-example detection counts on a hand-made set of leave-one-model-out scores.</summary>
[TestFixture]
public sealed class PerExampleDetectionTests
{
    /// <summary>
    /// 4 targets × 4 examples, each example IN for 2 targets: t0 {0, 1}, t1 {0, 2}, t2 {1, 3}, t3 {2, 3}.
    /// At FPR 0 each threshold is the target's highest non-member score: t0 3 (ex 0: 5 detected, ex 1: 1 not), t1 2
    /// (6 yes, 1 no), t2 1 (4 yes, 3 yes), t3 2 (0.5 no, 1 no). Detections per example: 2, 1, 0, 1.
    /// </summary>
    public static MembershipScores HandScores()
    {
        bool[,] keep = { { true, true, false, false }, { true, false, true, false }, { false, true, false, true }, { false, false, true, true } };
        double[,] scores = { { 5, 1, 2, 3 }, { 6, 0, 1, 2 }, { 0, 4, 1, 3 }, { 2, 2, 0.5, 1 } };
        return new(scores.Cast<double>().ToArray(), keep.Cast<bool>().ToArray());
    }

    [Test]
    public void From_FprZero_ThresholdIsTheHighestNonMemberAndCountsAreByHand()
    {
        var d = PerExampleDetection.From(HandScores(), 4, 4, 0);
        Assert.That(d.Thresholds, Is.EqualTo(new double[] { 3, 2, 1, 2 }));
        Assert.That(d.TruePositives, Is.EqualTo(new[] { 1, 1, 2, 0 }));
        Assert.That(d.FalsePositives, Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(d.Detections, Is.EqualTo(new[] { 2, 1, 0, 1 }));
        Assert.That(d.InTargets, Is.EqualTo(new[] { 2, 2, 2, 2 }));
        Assert.That((d.TotalTruePositives, d.MemberPairs), Is.EqualTo((4, 8)));
    }

    [Test]
    public void From_FprHalf_OneNonMemberMayScoreAboveTheThreshold()
    {
        // 2 non-members per target, ⌊0.5 · 2⌋ = 1 above: the threshold is the second-highest (t3's two tie at 2: none above).
        var d = PerExampleDetection.From(HandScores(), 4, 4, 0.5);
        Assert.That(d.Thresholds, Is.EqualTo(new double[] { 2, 0, 0, 2 }));
        Assert.That(d.FalsePositives, Is.EqualTo(new[] { 1, 1, 1, 0 }));
        Assert.That(d.TruePositives, Is.EqualTo(new[] { 1, 2, 2, 0 }));
    }

    [Test]
    public void From_TruePositiveRateMatchesThePooledRocWhenTargetsAgree()
    {
        // One target: its threshold is the ROC's own, so TPs / members is the ROC's TPR at that FPR.
        var random = new Random(3);
        var scores = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        var isMember = Enumerable.Range(0, 2000).Select(i => i % 2 == 0).ToArray();
        for (var i = 0; i < scores.Length; i += 2) scores[i] += 0.3;
        var m = new MembershipScores(scores, isMember);
        foreach (var fpr in new[] { 0.001, 0.01, 0.1 })
        {
            var d = PerExampleDetection.From(m, 1, 2000, fpr);
            Assert.That((double)d.TotalTruePositives / 1000, Is.EqualTo(RocCurve.From(m).TprAtFpr(fpr)).Within(1e-12), $"FPR {fpr}");
        }
    }

    [Test]
    public void From_ScoresNotModelsTimesExamples_Throws() =>
        Assert.That(() => PerExampleDetection.From(HandScores(), 3, 4, 0.01), Throws.ArgumentException.With.Message.Contains("3 models × 4 examples"));
}
