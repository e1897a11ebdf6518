using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Defenses;
using MiaRepro.Training;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Training;

/// <summary>Mislabelled canaries planted in a pool; a many-model evaluation on them alone; a score set as an output defense releases it.</summary>
[TestFixture]
public sealed class PoolCanariesTests
{
    static readonly long[] Pool = [.. Enumerable.Range(0, 200).Select(n => (long)(n % 10))];

    [Test]
    public void Create_SameSeedSameDraw_EveryLabelWrong_DistinctSortedPositions()
    {
        var a = PoolCanaries.Create(Pool, 10, 20, splitSeed: 0)!;
        var b = PoolCanaries.Create(Pool, 10, 20, splitSeed: 0)!;
        var other = PoolCanaries.Create(Pool, 10, 20, splitSeed: 1)!;
        Assert.That((a.Positions, a.Labels), Is.EqualTo((b.Positions, b.Labels)));
        Assert.That(other.Positions, Is.Not.EqualTo(a.Positions));
        Assert.That(a.Positions, Is.Ordered.And.Unique.And.Length.EqualTo(20));
        Assert.That(a.Positions.Zip(a.Labels).All(p => p.Second != Pool[p.First] && p.Second is >= 0 and < 10), Is.True);
        Assert.That(a.Job, Is.EqualTo(b.Job).And.Not.EqualTo(other.Job));
    }

    [Test]
    public void Create_NoneIsNull_TooManyNamesTheKey()
    {
        Assert.That(PoolCanaries.Create(Pool, 10, 0, 0), Is.Null);
        Assert.That(() => PoolCanaries.Create(Pool, 10, 201, 0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("not 201"));
    }

    [Test]
    public void Relabel_ChangesOnlyTheCanaries()
    {
        var canaries = PoolCanaries.Create(Pool, 10, 5, 0)!;
        var relabelled = canaries.Relabel(Pool);
        var changed = Enumerable.Range(0, Pool.Length).Where(n => relabelled[n] != Pool[n]).ToArray();
        Assert.That(changed, Is.EqualTo(canaries.Positions));
        Assert.That(Pool[canaries.Positions[0]], Is.EqualTo(canaries.Positions[0] % 10), "the pool itself is not changed");
    }

    /// <summary>Target-major pairs: target t's example n is t·N + n; the canary rows keep exactly those pairs.</summary>
    [Test]
    public void OnExamples_KeepsEveryTargetsPairsOfThoseExamples()
    {
        var scores = new MembershipScores([0, 1, 2, 3, 10, 11, 12, 13], [true, false, true, false, false, true, false, true]);
        var subset = LeaveOneModelOut.OnExamples(scores, examples: 4, positions: [1, 3]);
        Assert.That(subset.Scores, Is.EqualTo(new double[] { 1, 3, 11, 13 }));
        Assert.That(subset.IsMember, Is.EqualTo(new[] { false, false, true, true }));
    }

    /// <summary>label-only releases the argmax one-hot: every query's log-probabilities are 0 at the top class and
    /// ln 1e-12 elsewhere; the keep mask and labels are the set's.</summary>
    [Test]
    public void Released_LabelOnly_ReplacesEveryQuerysLogitsWithTheReleasedLogProbabilities()
    {
        bool[,] keep = { { true, false }, { false, true } };
        var set = new ScoreSet(keep, [2, 1, 0, 5, 3, 1, 0, 4], 1, 2, [0, 1]);
        var released = set.Released(new LabelOnly(), "label-only");
        var floor = (float)Math.Log(OutputDefense.Floor);
        Assert.That(released.Logits, Is.EqualTo(new[] { 0, floor, floor, 0, 0, floor, floor, 0 }).Within(1e-6));
        Assert.That((released.Labels, released.IsIn(0, 0), released.IsIn(0, 1)), Is.EqualTo((set.Labels, true, false)));
    }
}
