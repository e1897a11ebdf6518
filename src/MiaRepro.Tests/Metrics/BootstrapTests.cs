using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using MiaRepro.Attacks;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Metrics;

/// <summary>The stratified percentile bootstrap of the AUC: deterministic per seed, and equal to resampling by hand.</summary>
[TestFixture]
public sealed class BootstrapTests
{
    static MembershipScores Random => MetricsGolden.Case("random-balanced").ToScores();

    [Test]
    public void AucInterval_SameSeed_GivesTheSameInterval()
    {
        var a = Bootstrap.AucInterval(Random, resamples: 300, seed: 7);
        var b = Bootstrap.AucInterval(Random, resamples: 300, seed: 7);
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void AucInterval_OtherSeed_GivesAnotherInterval()
    {
        var a = Bootstrap.AucInterval(Random, resamples: 300, seed: 7);
        var b = Bootstrap.AucInterval(Random, resamples: 300, seed: 8);
        Assert.That((a.Lower, a.Upper), Is.Not.EqualTo((b.Lower, b.Upper)));
    }

    [TestCase("random-balanced")]
    [TestCase("random-imbalanced")]
    [TestCase("heavy-ties")]
    public void AucInterval_ContainsThePointEstimate(string name)
    {
        var golden = MetricsGolden.Case(name);
        var interval = Bootstrap.AucInterval(golden.ToScores(), resamples: 1000, seed: 1);
        Assert.That(interval.Estimate, Is.EqualTo(golden.Auc).Within(1e-12));
        Assert.That(interval.Lower, Is.LessThan(interval.Estimate));
        Assert.That(interval.Upper, Is.GreaterThan(interval.Estimate));
    }

    [TestCase("random-imbalanced", 3)]
    [TestCase("heavy-ties", 4)]
    [TestCase("hand-mixed-ties", 5)]
    public void AucInterval_EqualsResamplingByHandWithTheSameDraws(string name, int seed)
    {
        // Same generator, same draw order (members, then non-members, per resample); AUC by sorting each resample.
        var scores = MetricsGolden.Case(name).ToScores();
        var members = Enumerable.Range(0, scores.Scores.Length).Where(i => scores.IsMember[i]).ToArray();
        var nonMembers = Enumerable.Range(0, scores.Scores.Length).Where(i => !scores.IsMember[i]).ToArray();
        var random = new MersenneTwister(seed, threadSafe: false);
        var aucs = new double[200];
        for (var b = 0; b < aucs.Length; b++)
        {
            var drawn = members.Select(_ => members[random.Next(members.Length)]).ToList();
            drawn.AddRange(nonMembers.Select(_ => nonMembers[random.Next(nonMembers.Length)]));
            aucs[b] = RocCurve.From(new(drawn.Select(i => scores.Scores[i]).ToArray(), drawn.Select(i => scores.IsMember[i]).ToArray())).Auc;
        }
        var interval = Bootstrap.AucInterval(scores, resamples: 200, alpha: 0.1, seed: seed);
        Assert.That(interval.Lower, Is.EqualTo(Statistics.QuantileCustom(aucs, 0.05, QuantileDefinition.R7)).Within(1e-12));
        Assert.That(interval.Upper, Is.EqualTo(Statistics.QuantileCustom(aucs, 0.95, QuantileDefinition.R7)).Within(1e-12));
    }

    [Test]
    public void AucInterval_PerfectSeparation_IsOneEverywhere()
    {
        var interval = Bootstrap.AucInterval(MetricsGolden.Case("perfectly-separated").ToScores(), resamples: 100);
        Assert.That((interval.Estimate, interval.Lower, interval.Upper), Is.EqualTo((1.0, 1.0, 1.0)));
    }

    [Test]
    public void AucInterval_AllEqualScores_IsHalfEverywhere()
    {
        var interval = Bootstrap.AucInterval(MetricsGolden.Case("all-equal").ToScores(), resamples: 100);
        Assert.That((interval.Estimate, interval.Lower, interval.Upper), Is.EqualTo((0.5, 0.5, 0.5)));
    }

    [Test]
    public void AucInterval_OneClassOnly_SaysBothClassesAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => Bootstrap.AucInterval(new([0.1, 0.2], [true, true])))!;
        Assert.That(e.Message, Does.Contain("both members and non-members"));
    }

    [Test]
    public void AucInterval_NoResamples_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.AucInterval(Random, resamples: 0));
}
