using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>The many-run audit: the threshold comes from the first half of the runs only, the bound from the second.</summary>
public sealed class ManyRunAuditTests
{
    static bool[] Alternating(int n) => [.. Enumerable.Range(0, n).Select(r => r % 2 == 0)];

    [Test]
    public void Of_PerfectAttack_IsTheBoundOfThePerfectSecondHalf()
    {
        var included = Alternating(40);
        var scores = included.Select(i => i ? 1.0 : 0.0).ToArray();
        var result = ManyRunAudit.Of(scores, included, 0.05, 1e-5);
        Assert.That(result.Counts, Is.EqualTo(new ConfusionCounts(10, 0, 10, 0)));
        // Clopper–Pearson, two-sided α = 0.05: TPR_lo = 0.025^(1/10), FPR_hi = 1 − 0.025^(1/10).
        var lo = Math.Pow(0.025, 0.1);
        Assert.That(result.Bound.Epsilon, Is.EqualTo(Math.Log((lo - 1e-5) / (1 - lo))).Within(1e-9));
    }

    [Test]
    public void Of_ThresholdIsChosenOnTheFirstHalfOnly()
    {
        // First half: members score 5, non-members 1 → threshold 5. Second half: members score 3 → all below it.
        var included = Alternating(8);
        double[] scores = [5, 1, 5, 1, 3, 1, 3, 1];
        var result = ManyRunAudit.Of(scores, included, 0.05, 0);
        Assert.That(result.Threshold, Is.EqualTo(5));
        Assert.That(result.Counts, Is.EqualTo(new ConfusionCounts(0, 0, 2, 2)));
        Assert.That(result.Bound.Epsilon, Is.EqualTo(0));
    }

    [Test]
    public void Of_HalfWithoutBothKindsOfRun_NamesTheFix()
    {
        bool[] included = [true, true, false, false];
        var e = Assert.Throws<ArgumentException>(() => ManyRunAudit.Of([1.0, 1, 0, 0], included, 0.05, 0));
        Assert.That(e!.Message, Does.Contain("alternate them"));
    }

    [Test]
    public void RunsNeeded_IsTheFirstCountWhoseSecondHalfCanBoundAboveZero()
    {
        // k members and k non-members evaluated: positive iff 0.025^(1/k) − δ > 1 − 0.025^(1/k), first at k = 6.
        Assert.That(ManyRunAudit.RunsNeeded(0.05, 1e-5), Is.EqualTo(24));
        var k = 5;
        Assert.That(EpsilonLowerBound.FromCounts(new ConfusionCounts(k, 0, k, 0), 0.05, 1e-5).Epsilon, Is.EqualTo(0));
    }
}
