using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>The Clopper–Pearson ε lower bound: the acceptance value, golden values from SciPy, and its edges.</summary>
[TestFixture]
public sealed class EpsilonLowerBoundTests
{
    static IEnumerable<GoldenEpsilon> Golden => MetricsGolden.Values.Epsilon;

    [Test]
    public void FromCounts_PerfectAttack500_Alpha001_IsAbout454()
    {
        var bound = EpsilonLowerBound.FromCounts(new(TruePositives: 500, FalsePositives: 0, TrueNegatives: 500, FalseNegatives: 0), alpha: 0.01);
        Assert.That(bound.Epsilon, Is.EqualTo(4.54).Within(0.005), "TF Privacy's RatioBound test value");
        // Closed form: TPR_lo = 0.005^(1/500), FPR_hi = 1 − 0.005^(1/500).
        var tprLow = Math.Pow(0.005, 1.0 / 500);
        Assert.That(bound.Epsilon, Is.EqualTo(Math.Log(tprLow / (1 - tprLow))).Within(1e-9));
    }

    [Test]
    public void FromCounts_AlphaIsTwoSided_OneSidedWouldGive468()
    {
        // Reading α = 0.01 as one tail per bound gives 4.68, not the documented 4.54.
        var oneSided = Math.Log(ClopperPearson.LowerBound(500, 500, 0.01) / ClopperPearson.UpperBound(0, 500, 0.01));
        Assert.That(oneSided, Is.EqualTo(4.68).Within(0.005));
        var twoSided = EpsilonLowerBound.FromCounts(new(500, 0, 500, 0), 0.01).Epsilon;
        Assert.That(twoSided, Is.LessThan(oneSided - 0.1));
    }

    [TestCaseSource(nameof(Golden))]
    public void FromCounts_GoldenValues_MatchScipy(GoldenEpsilon g)
    {
        var bound = EpsilonLowerBound.FromCounts(new(g.Tp, g.Fp, g.Tn, g.Fn), g.Alpha, g.Delta);
        Assert.That(bound.Epsilon, Is.EqualTo(g.Epsilon).Within(1e-9));
        Assert.That((bound.Alpha, bound.Delta), Is.EqualTo((g.Alpha, g.Delta)));
    }

    [Test]
    public void FromCounts_ChanceAttack_IsZero() =>
        Assert.That(EpsilonLowerBound.FromCounts(new(50, 50, 50, 50), 0.05).Epsilon, Is.EqualTo(0));

    [Test]
    public void FromCounts_LargerDelta_NeverRaisesTheBound()
    {
        var counts = new ConfusionCounts(400, 20, 480, 100);
        var eps = new[] { 0, 1e-5, 0.01, 0.1, 0.5 }.Select(d => EpsilonLowerBound.FromCounts(counts, 0.05, d).Epsilon).ToArray();
        Assert.That(eps, Is.Ordered.Descending);
        Assert.That(eps[0], Is.GreaterThan(eps[^1]));
    }

    [Test]
    public void FromCounts_ComplementaryDirection_CountsToo()
    {
        // Calls nearly everyone a member: TPR/FPR (≈ 1/1) says nothing; the few non-members it rejects while
        // rejecting no member (TNR/FNR) are the evidence.
        var counts = new ConfusionCounts(TruePositives: 1000, FalsePositives: 990, TrueNegatives: 10, FalseNegatives: 0);
        var direct = Math.Log(counts.TprInterval(0.05).Lower / counts.FprInterval(0.05).Upper);
        var complementary = Math.Log(ClopperPearson.Interval(10, 1000, 0.05).Lower / ClopperPearson.Interval(0, 1000, 0.05).Upper);
        Assert.That(direct, Is.LessThan(0.01));
        Assert.That(EpsilonLowerBound.FromCounts(counts, 0.05).Epsilon, Is.EqualTo(complementary).Within(1e-12).And.GreaterThan(0.2));
    }

    [Test]
    public void FromCounts_NoNonMembers_SaysBothClassesAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => EpsilonLowerBound.FromCounts(new(5, 0, 0, 5), 0.05))!;
        Assert.That(e.Message, Does.Contain("both members and non-members").And.Contain("10 member(s)").And.Contain("0 non-member(s)"));
    }

    [TestCase(-0.1)]
    [TestCase(1.0)]
    public void FromCounts_DeltaOutsideZeroOne_Throws(double delta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EpsilonLowerBound.FromCounts(new(5, 1, 4, 0), 0.05, delta));
}
