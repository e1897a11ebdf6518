using MiaRepro.Attacks;
using MiaRepro.Density;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>The grey-box KDE attack: scores against scipy, underflow, synthetic losses, bad input.</summary>
[TestFixture]
public sealed class KdeGreyBoxAttackTests
{
    [Test]
    public void KdeAttack_Score_MatchesScipy()
    {
        var c = KdeGolden.Values.Scores.Single();
        var attack = new KdeGreyBoxAttack(c.Known, c.Private);
        Approx.AssertClose(c.Points.Select(attack.LogDensityRatio).ToArray(), c.LogRatio, 1e-12, 1e-12, "log ratio");
        Approx.AssertClose(c.Points.Select(attack.Score).ToArray(), c.Score, 1e-11, what: "score");
        // Where scipy's plain ratio is defined it is the same number.
        for (int i = 0; i < c.Points.Length; i++)
            if (c.PdfRatioOrNan[i] is { } ratio)
                Approx.AssertClose(attack.Score(c.Points[i]), ratio, 1e-11, what: $"pdf ratio at {c.Points[i]}");
    }

    [Test]
    public void KdeAttack_BothDensitiesUnderflow_ScoreFromLogSpace()
    {
        var c = KdeGolden.Values.Scores.Single();
        var attack = new KdeGreyBoxAttack(c.Known, c.Private);
        var far = c.Points.Select((x, i) => (x, i)).Where(p => c.PdfRatioOrNan[p.i] is null).ToArray();
        Assert.That(far, Is.Not.Empty, "the golden file has points where scipy's ratio is 0/0");
        foreach (var (x, i) in far)
        {
            Assert.That(attack.Known.Density(x), Is.EqualTo(0), $"known density at {x} underflows");
            Assert.That(attack.Private.Density(x), Is.EqualTo(0), $"private density at {x} underflows");
            var s = attack.Score(x);
            Assert.That(double.IsFinite(s) && s >= 0 && s <= 1, $"score at {x} is {s}");
            Approx.AssertClose(s, c.Score[i], 0, 1e-300, $"score at {x}");
            // The private KDE is the wider one, so its tail wins far away: a non-member call.
            Assert.That(attack.IsMember(x), Is.False);
        }
    }

    [Test]
    public void KdeAttack_BothDensitiesUnderflow_HeavierTailWins()
    {
        // Known: narrow around 0; private: wide around 0. Far out on either side the wide KDE dominates, near 0 the
        // narrow one does; both linear densities are 0 at ±1000.
        var rng = new Random(7);
        var attack = new KdeGreyBoxAttack(Normal(rng, 400, 0, 0.1), Normal(rng, 400, 0, 1));
        foreach (var x in new[] { -1000.0, 1000.0 })
        {
            Assert.That(attack.Known.Density(x) + attack.Private.Density(x), Is.EqualTo(0));
            Assert.That(attack.Score(x), Is.EqualTo(0));
            Assert.That(attack.LogDensityRatio(x), Is.LessThan(-1e6));
        }
        Assert.That(attack.Score(0), Is.GreaterThan(0.5));
    }

    [Test]
    public void KdeAttack_WellSeparatedLosses_HighAccuracy()
    {
        var rng = new Random(11);
        // Cross-entropy-like: members N(0.1, 0.05²), non-members N(1, 0.3²). The Bayes-optimal rule (densities
        // known) has TPR 0.9991, FPR 0.0065, accuracy 0.9963; the bounds below leave ≈ 5 binomial standard deviations
        // of the 1000 + 1000 held-out examples (FPR: √(0.0065/1000) ≈ 0.0025) for sampling and KDE error.
        var members = Normal(rng, 50000, 0.1, 0.05);
        var nonMembers = Normal(rng, 10000, 1.0, 0.3);
        var result = KdeGreyBoxAttack.Run(LeakSampler.Draw(members, nonMembers, 10, seed: 1));
        foreach (var (name, scores) in new[] { ("in-sample", result.InSample), ("held-out", result.HeldOut) })
        {
            var counts = ConfusionCounts.Above(scores, KdeGreyBoxAttack.Threshold);
            Assert.That(counts.Accuracy, Is.GreaterThan(0.985), name);
            Assert.That(counts.Tpr, Is.GreaterThan(0.99), name);
            Assert.That(counts.Fpr, Is.LessThan(0.02), name);
        }
    }

    [Test]
    public void KdeAttack_IdenticalDistributions_HeldOutAccuracyNearHalf()
    {
        var rng = new Random(12);
        var members = Normal(rng, 50000, 1, 0.5);
        var nonMembers = Normal(rng, 10000, 1, 0.5);
        var result = KdeGreyBoxAttack.Run(LeakSampler.Draw(members, nonMembers, 10, seed: 2));
        var heldOut = ConfusionCounts.Above(result.HeldOut, KdeGreyBoxAttack.Threshold);
        // 1000 + 1000 held-out examples whose labels the fitted attack cannot know: accuracy is 1/2 in expectation
        // with a standard deviation ≤ √(1/4 / 2000) ≈ 0.011; 0.05 is 4.5 of those.
        Assert.That(heldOut.Total, Is.EqualTo(2000));
        Assert.That(heldOut.Accuracy, Is.EqualTo(0.5).Within(0.05));
        // In-sample it sits slightly above 1/2 (≈ 0.51 over seeds): each fitted point adds its own kernel to its
        // class's KDE. 10 000 examples, same margin.
        var inSample = ConfusionCounts.Above(result.InSample, KdeGreyBoxAttack.Threshold);
        Assert.That(inSample.Accuracy, Is.EqualTo(0.5).Within(0.05));
    }

    [Test]
    public void KdeAttack_Evaluate_ScoresMembersFirstWithTheirLabels()
    {
        var attack = new KdeGreyBoxAttack([0.0, 0.1, 0.2], [1.0, 1.2, 1.4]);
        var scores = attack.Evaluate([0.1, 0.05], [1.3]);
        Assert.That(scores.IsMember, Is.EqualTo(new[] { true, true, false }));
        Assert.That(scores.Scores[0], Is.EqualTo(attack.Score(0.1)));
        Assert.That(scores.Scores[2], Is.EqualTo(attack.Score(1.3)));
        Assert.That(ConfusionCounts.Above(scores, KdeGreyBoxAttack.Threshold), Is.EqualTo(new ConfusionCounts(2, 0, 1, 0)));
    }

    [Test]
    public void KdeAttack_EqualDensities_ScoreHalfIsANonMemberCall()
    {
        double[] same = [0.0, 1.0, 3.0];
        var attack = new KdeGreyBoxAttack(same, same);
        Assert.That(attack.Score(0.7), Is.EqualTo(0.5));
        Assert.That(attack.IsMember(0.7), Is.False, "member iff score > 0.5, as the authors' code");
    }

    [Test]
    public void KdeAttack_Run_EvaluatesInSampleOnTheFittedPointsAndHeldOutOnTheRest()
    {
        var rng = new Random(13);
        var sample = LeakSampler.Draw(Normal(rng, 1000, 0, 1), Normal(rng, 1000, 1, 1), 10, seed: 3);
        var result = KdeGreyBoxAttack.Run(sample, BandwidthRule.Silverman);
        Assert.That(result.InSample.Members, Is.EqualTo(100));
        Assert.That(result.InSample.NonMembers, Is.EqualTo(100));
        Assert.That(result.HeldOut.Members, Is.EqualTo(20));
        Assert.That(result.HeldOut.NonMembers, Is.EqualTo(20));
        var attack = new KdeGreyBoxAttack(sample.KnownMembers, sample.Private, BandwidthRule.Silverman);
        Assert.That(result.KnownBandwidth, Is.EqualTo(attack.Known.Bandwidth));
        Assert.That(result.InSample.Scores[0], Is.EqualTo(attack.Score(sample.KnownMembers[0])));
        Assert.That(result.HeldOut.Scores[^1], Is.EqualTo(attack.Score(sample.HeldOutNonMembers[^1])));
    }

    [Test]
    public void KdeAttack_ConstantKnownLosses_SaysBandwidthIsZero()
    {
        var e = Assert.Throws<ArgumentException>(() => new KdeGreyBoxAttack(Enumerable.Repeat(1.0, 10), [0.2, 0.5, 0.9]));
        Assert.That(e!.Message, Does.Contain("known-member losses").And.Contain("bandwidth is 0"));
    }

    [Test]
    public void KdeAttack_OnePrivateLoss_SaysTwoAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => new KdeGreyBoxAttack([0.1, 0.2], [0.5]));
        Assert.That(e!.Message, Does.Contain("at least 2 private (non-member) losses"));
    }

    [Test]
    public void KdeAttack_NonFiniteEvaluationLoss_Throws()
    {
        var attack = new KdeGreyBoxAttack([0.1, 0.2], [0.5, 0.7]);
        var e = Assert.Throws<ArgumentException>(() => attack.Evaluate([0.1], [double.PositiveInfinity]));
        Assert.That(e!.Message, Does.Contain("non-member 0 is Infinity"));
    }

    static double[] Normal(Random rng, int n, double mean, double std) =>
        Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, mean, std)).ToArray();
}
