using MiaRepro.Attacks;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>Confusion counts and rates at a threshold against sklearn, the 0/0 precision convention, and the optimistic best threshold.</summary>
[TestFixture]
public sealed class ThresholdMetricsTests
{
    static IEnumerable<string> Cases => MetricsGolden.CaseNames;

    [TestCaseSource(nameof(Cases))]
    public void At_GoldenThresholds_MatchSklearn(string name)
    {
        var golden = MetricsGolden.Case(name);
        var scores = golden.ToScores();
        foreach (var row in golden.ThresholdMetrics)
        {
            var m = ThresholdMetrics.At(scores, row.Threshold);
            var at = $"threshold {row.Threshold}";
            Assert.That(m.Counts, Is.EqualTo(new ConfusionCounts(row.Tp, row.Fp, row.Tn, row.Fn)), at);
            Assert.That(m.Accuracy, Is.EqualTo(row.Accuracy).Within(1e-12), at);
            Assert.That(m.BalancedAccuracy, Is.EqualTo(row.BalancedAccuracy).Within(1e-12), at);
            Assert.That(m.Precision, Is.EqualTo(row.Precision).Within(1e-12), at);
            Assert.That(m.Recall, Is.EqualTo(row.Recall).Within(1e-12), at);
            Assert.That(m.F1, Is.EqualTo(row.F1).Within(1e-12), at);
        }
    }

    [Test]
    public void Precision_NoExampleCalledMember_IsZeroAsSklearnZeroDivision()
    {
        var m = ThresholdMetrics.At(new([0.2, 0.4, 0.6], [true, false, true]), 1.0);
        Assert.That(m.Counts, Is.EqualTo(new ConfusionCounts(0, 0, 1, 2)));
        Assert.That(m.Precision, Is.EqualTo(0));
        Assert.That(m.F1, Is.EqualTo(0));
        Assert.That(m.BalancedAccuracy, Is.EqualTo(0.5));
        // And the golden rows above every score (sklearn zero_division=0) say the same.
        var above = MetricsGolden.Case("random-balanced").ThresholdMetrics.MaxBy(r => r.Threshold)!;
        Assert.That((above.Tp + above.Fp, above.Precision, above.F1), Is.EqualTo((0, 0.0, 0.0)));
    }

    [Test]
    public void At_ScoreEqualToThreshold_IsCalledMember()
    {
        var m = ThresholdMetrics.At(new([0.5, 0.5, 0.4], [true, false, false]), 0.5);
        Assert.That(m.Counts, Is.EqualTo(new ConfusionCounts(1, 1, 1, 0)));
    }

    [Test]
    public void Advantage_IsTprMinusFpr()
    {
        // 3 of 4 members and 1 of 5 non-members at or above 0.5.
        var m = ThresholdMetrics.At(new([0.9, 0.7, 0.5, 0.1, 0.6, 0.4, 0.3, 0.2, 0.1], [true, true, true, true, false, false, false, false, false]), 0.5);
        Assert.That(m.Advantage, Is.EqualTo(0.75 - 0.2).Within(1e-15));
        Assert.That(m.BalancedAccuracy, Is.EqualTo((0.75 + 0.8) / 2).Within(1e-15));
        Assert.That(m.Precision, Is.EqualTo(0.75));
    }

    [TestCaseSource(nameof(Cases))]
    public void AtOptimisticBestThreshold_GoldenCase_MatchesBestSklearnBalancedAccuracy(string name)
    {
        var golden = MetricsGolden.Case(name);
        var best = ThresholdMetrics.AtOptimisticBestThreshold(golden.ToScores());
        Assert.That(best.BalancedAccuracy, Is.EqualTo(golden.BestBalancedAccuracy).Within(1e-12));
        Assert.That(best.Advantage, Is.EqualTo(2 * golden.BestBalancedAccuracy - 1).Within(1e-12));
    }

    [Test]
    public void AtOptimisticBestThreshold_ReversedPolarity_CallsNobodyMember()
    {
        var best = ThresholdMetrics.AtOptimisticBestThreshold(MetricsGolden.Case("reversed-polarity").ToScores());
        Assert.That(best.Threshold, Is.EqualTo(double.PositiveInfinity));
        Assert.That((best.BalancedAccuracy, best.Advantage), Is.EqualTo((0.5, 0.0)));
    }

    [Test]
    public void AtOptimisticBestThreshold_Ties_PicksTheHighestThreshold()
    {
        // Thresholds 0.9 and 0.5 both give TPR − FPR = 0.5; 0.9 is kept.
        var best = ThresholdMetrics.AtOptimisticBestThreshold(new MembershipScores([0.9, 0.7, 0.5, 0.3], [true, false, true, false]));
        Assert.That(best.Threshold, Is.EqualTo(0.9));
        Assert.That(best.Advantage, Is.EqualTo(0.5));
    }

    [Test]
    public void At_NaNThreshold_Throws() =>
        Assert.Throws<ArgumentException>(() => ThresholdMetrics.At(new([0.2, 0.4], [true, false]), double.NaN));

    [Test]
    public void At_OneClassOnly_SaysBothClassesAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => ThresholdMetrics.At(new([0.2, 0.4], [false, false]), 0.3))!;
        Assert.That(e.Message, Does.Contain("both members and non-members").And.Contain("0 member(s)"));
    }
}
