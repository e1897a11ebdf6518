using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// The heavy-tail statistics and their random-spread null: against an exact enumeration of the null on a hand-made set,
/// on TPs that are concentrated beyond scarcity, on TPs that are scattered, and where the counts alone fix everything.
/// </summary>
[TestFixture]
public sealed class HeavyTailTests
{
    [Test]
    public void TopSum_TakesTheExamplesWithTheMostDetections() =>
        Assert.That(HeavyTail.TopSum([3, 0, 1, 2, 0], 2, 4), Is.EqualTo(5));

    [Test]
    public void HalfSum_CountsExamplesDetectedByAtLeastHalfOfTheirInTargets() =>
        Assert.That(HeavyTail.HalfSum([3, 0, 1, 2, 1], [4, 4, 4, 4, 2]), Is.EqualTo(3 + 2 + 1));

    /// <summary>
    /// The hand set of <see cref="PerExampleDetectionTests.HandScores"/> at FPR 0: TPs per target 1, 1, 2, 0, detections
    /// 2, 1, 0, 1, top ⌈4/100⌉ = 1 example: 2 of 4 TPs (50 %). The null, enumerated: t0 picks 1 of {0, 1}, t1 1 of {0, 2},
    /// t2 both of {1, 3}: 4 equally likely spreads, whose top example holds 2, 1, 2, 2 TPs — mean share 43.75 %, P(≥ 2) = 0.75.
    /// </summary>
    [Test]
    public void Of_HandSet_NullAgreesWithExactEnumeration()
    {
        var detection = PerExampleDetection.From(PerExampleDetectionTests.HandScores(), 4, 4, 0);
        // Enumerate every random spread: t0 ∈ {0, 1}, t1 ∈ {0, 2}, t2 takes both 1 and 3 (2 TPs of 2 members), t3 none.
        var tops = new List<int>();
        foreach (var a in new[] { 0, 1 })
            foreach (var b in new[] { 0, 2 })
            {
                var d = new int[4];
                d[a]++; d[b]++; d[1]++; d[3]++;
                tops.Add(d.Max());
            }
        var exactMean = tops.Average(t => 100.0 * t / 4);     // spreads (0,0): 2, (0,2): 1, (1,0): 2, (1,2): 2 → 43.75 %
        var exactP = tops.Count(t => t >= 2) / 4.0;            // 0.75
        var tail = HeavyTail.Of(detection, nullDraws: 20000, seed: 1);
        Assert.That((tail.TruePositives, tail.MemberPairs, tail.TopExamples), Is.EqualTo((4, 8, 1)));
        Assert.That(tail.Top.Share, Is.EqualTo(50));
        Assert.That(tail.DetectionHistogram, Is.EqualTo(new[] { 1, 2, 1 }));
        Assert.That(exactMean, Is.EqualTo(43.75));
        // Monte Carlo over 20,000 spreads: sd of a proportion ≤ 0.0035, of the mean share ≤ 0.2 points.
        Approx.AssertClose(tail.Top.NullMean, exactMean, rel: 0, abs: 1);
        Approx.AssertClose(tail.Top.PValue, exactP, rel: 0, abs: 0.02);
        Assert.That(tail.Top.NullQ99, Is.EqualTo(50));
    }

    /// <summary>
    /// 8 targets, 100 examples (balanced); every target detects exactly its members among examples 0–9, so those ten
    /// are detected by all 4 of their IN targets: 40 TPs, all on examples detected by ≥ half. Spread at random (5 of
    /// each target's 50 members), a repeat detection is rare: the half-detected share's null is far below 100 %.
    /// </summary>
    [Test]
    public void Of_SameExamplesDetectedByEveryTarget_IsHeavyBeyondScarcity()
    {
        var tail = HeavyTail.Of(Detection(8, 100, (t, n) => n < 10, seed: 5), nullDraws: 1000, seed: 2);
        Assert.That(tail.TruePositives, Is.EqualTo(40));
        Assert.That(tail.HalfDetected.Share, Is.EqualTo(100));
        Assert.That(tail.HalfDetected.NullMean, Is.LessThan(50));
        Assert.That(tail.HalfDetected.PValue, Is.EqualTo(1.0 / 1001));
        Assert.That(tail.Top.Share, Is.EqualTo(100.0 * 4 / 40));
        Assert.That(tail.DetectionHistogram, Is.EqualTo(new[] { 90, 0, 0, 0, 10 }));
    }

    /// <summary>Every detected example is detected once: no concentration at all, so both p-values are 1 or near it.</summary>
    [Test]
    public void Of_EveryExampleDetectedOnce_IsNotHeavy()
    {
        // Target t detects its members with n % 8 == t: each example has 4 IN targets and at most one of them is t = n % 8.
        var tail = HeavyTail.Of(Detection(8, 400, (t, n) => n % 8 == t, seed: 7), nullDraws: 1000, seed: 3);
        Assert.That(tail.DetectionHistogram.Skip(2).Sum(), Is.Zero);
        Assert.That(tail.HalfDetected.Share, Is.Zero);
        Assert.That(tail.HalfDetected.PValue, Is.EqualTo(1));
        Assert.That(tail.Top.PValue, Is.EqualTo(1));
        Assert.That(tail.Top.NullMean, Is.GreaterThan(tail.Top.Share));
    }

    /// <summary>
    /// Scarcity alone: 2 targets, every example IN for one of them, so each target's TPs can only fall on its own
    /// members and every spread is as concentrated as the observed one. p = 1: no heavy tail is claimed.
    /// </summary>
    [Test]
    public void Of_CountsFixEverything_PIsOne()
    {
        var tail = HeavyTail.Of(Detection(2, 200, (t, n) => n < 3, seed: 9), nullDraws: 200, seed: 4);
        Assert.That(tail.Top.PValue, Is.EqualTo(1));
        Assert.That(tail.HalfDetected.PValue, Is.EqualTo(1));
        Assert.That(tail.HalfDetected.Share, Is.EqualTo(100));
    }

    [Test]
    public void Of_NoTruePositive_SharesZeroAndPOne()
    {
        var tail = HeavyTail.Of(Detection(4, 100, (_, _) => false, seed: 1));
        Assert.That((tail.TruePositives, tail.Top.Share, tail.Top.PValue, tail.HalfDetected.PValue), Is.EqualTo((0, 0.0, 1.0, 1.0)));
    }

    /// <summary>Scores 1 for the (target, member) pairs <paramref name="detected"/> picks, 0 otherwise, on a balanced mask;
    /// at FPR 0 the threshold is 0, so exactly those pairs are the TPs.</summary>
    static PerExampleDetection Detection(int models, int examples, Func<int, int, bool> detected, int seed)
    {
        var keep = ScoreSets.Balanced(models, examples, new Random(seed));
        var scores = new double[models * examples];
        var isMember = new bool[models * examples];
        for (var t = 0; t < models; t++)
            for (var n = 0; n < examples; n++)
            {
                isMember[t * examples + n] = keep[t, n];
                scores[t * examples + n] = keep[t, n] && detected(t, n) ? 1 : 0;
            }
        return PerExampleDetection.From(new MembershipScores(scores, isMember), models, examples, 0);
    }
}
