using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>Targets trained apart from the reference set are scored by every attack with all references, their own keep
/// rows deciding membership, and separate exactly as well as the set's own leave-one-model-out targets when they are
/// drawn the same way.</summary>
public sealed class SeparateTargetsTests
{
    /// <summary>φ = b_n + 3·keep + noise for 8 reference models and 2 targets drawn alike (<see cref="ScoreSets.Separable"/>'s model).</summary>
    static (ScoreSet References, ScoreSet Targets) Sets(int examples = 200)
    {
        var all = ScoreSets.Separable(10, examples, gap: 3, noise: 0.5, seed: 4);
        var keep = all.Keep();
        ScoreSet Part(int from, int count)
        {
            var k = new bool[count, examples];
            var phi = new double[count, examples, 1];
            for (var m = 0; m < count; m++)
                for (var n = 0; n < examples; n++)
                    (k[m, n], phi[m, n, 0]) = (keep[from + m, n], all.LogitsOf(from + m, n, 0)[0]);
            return ScoreSets.FromPhi(k, phi);
        }
        return (Part(0, 8), Part(8, 2));
    }

    [Test]
    public void Run_ScoresEachTargetsExamples_WithItsOwnMembership()
    {
        var (references, targets) = Sets();
        var results = SeparateTargets.Run(references, targets);
        Assert.That(results.Select(r => r.Label), Is.EqualTo(ManyModelAttacks.Run(references).Select(r => r.Label)));
        foreach (var r in results)
        {
            Assert.That(r.Scores.Scores, Has.Length.EqualTo(2 * 200));
            Assert.That(r.Scores.IsMember, Is.EqualTo(Enumerable.Range(0, 2).SelectMany(t => Enumerable.Range(0, 200).Select(n => targets.IsIn(t, n)))));
        }
        var online = RocCurve.From(results.Single(r => r.IsLiraOnlineGlobal).Scores).Auc;
        var loss = RocCurve.From(results.Single(r => r.Attack == "loss-threshold").Scores).Auc;
        Assert.That(online, Is.GreaterThan(0.95), "per-example calibration from the 8 references separates the targets");
        Assert.That(loss, Is.LessThan(online - 0.2), "one global threshold cannot, across difficulties of spread 5 against a gap of 3");
    }

    [Test]
    public void Run_OnAnotherPool_SaysTheyMustShareIt()
    {
        var (references, _) = Sets();
        var (_, otherTargets) = Sets(examples: 100);
        Assert.That(() => SeparateTargets.Run(references, otherTargets), Throws.ArgumentException.With.Message.Contains("same queries and labels"));
    }
}
