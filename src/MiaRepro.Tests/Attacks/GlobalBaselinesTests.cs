using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>The reference-free baselines on the many-model pairs, on hand-made logits: label 0 of two classes, logits
/// [φ, 0], so p_0 = σ(φ) and the prediction is correct iff φ &gt; 0.</summary>
public sealed class GlobalBaselinesTests
{
    // Two models, two examples, one query; model 0 holds example 0, model 1 holds example 1.
    static readonly bool[,] Keep = { { true, false }, { false, true } };
    static readonly ScoreSet Set = ScoreSets.FromPhi(Keep, new double[,,] { { { 2 }, { -1 } }, { { -3 }, { 0.5 } } });

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    static IEnumerable<double> Of(MembershipScores s, bool member) => s.Scores.Where((_, i) => s.IsMember[i] == member).OrderBy(v => v);

    [Test]
    public void Confidence_IsTheTrueClassProbability_PerTargetAndExample()
    {
        var scores = GlobalThreshold.Run(Set, SignalRegistry.Confidence);
        // Leave-one-model-out: every (target, example) pair once; member = keep[target, example].
        var expected = new[] { (Sigmoid(2), true), (Sigmoid(-1), false), (Sigmoid(-3), false), (Sigmoid(0.5), true) };
        Assert.That(Of(scores, true), Is.EqualTo(expected.Where(e => e.Item2).Select(e => e.Item1).OrderBy(v => v)).Within(1e-6));
        Assert.That(Of(scores, false), Is.EqualTo(expected.Where(e => !e.Item2).Select(e => e.Item1).OrderBy(v => v)).Within(1e-6));
    }

    [Test]
    public void MaxConfidence_IsTheLargestProbability_RightOrWrong()
    {
        var scores = GlobalThreshold.Run(Set, SignalRegistry.MaxConfidence);
        Assert.That(Of(scores, true), Is.EqualTo(new[] { Sigmoid(0.5), Sigmoid(2) }).Within(1e-6));
        Assert.That(Of(scores, false), Is.EqualTo(new[] { Sigmoid(1), Sigmoid(3) }).Within(1e-6));
    }

    [Test]
    public void CorrectClassification_ScoresOneExactlyWhereThePlainQueryIsRight()
    {
        var scores = GlobalThreshold.CorrectClassification(Set);
        Assert.That(Of(scores, true), Is.EqualTo(new[] { 1.0, 1.0 }));
        Assert.That(Of(scores, false), Is.EqualTo(new[] { 0.0, 0.0 }));
    }
}
