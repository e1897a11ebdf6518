using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Experiments.Lira;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Lira;

[TestFixture]
public sealed class BalancedKeepTests
{
    [Test]
    public void Create_EveryColumn_InForExactlyHalfTheModels()
    {
        var keep = BalancedKeep.Create(8, 500, seed: 3);
        var counts = Enumerable.Range(0, 500).Select(n => Enumerable.Range(0, 8).Count(m => keep[m, n])).ToArray();
        Assert.That(counts, Is.All.EqualTo(4));
    }

    [Test]
    public void Create_EachModel_TrainsOnAboutHalfThePool()
    {
        var keep = BalancedKeep.Create(8, 2000, seed: 0);
        var perModel = Enumerable.Range(0, 8).Select(m => BalancedKeep.Examples(keep, m, true).Length).ToArray();
        Assert.That(perModel, Is.All.InRange(900, 1100));   // binomial(2000, ½): sd ≈ 22
    }

    [Test]
    public void Create_SameSeed_SameMask_OtherSeed_Differs()
    {
        Assert.That(BalancedKeep.Create(4, 50, 1), Is.EqualTo(BalancedKeep.Create(4, 50, 1)));
        Assert.That(BalancedKeep.Create(4, 50, 1), Is.Not.EqualTo(BalancedKeep.Create(4, 50, 2)));
    }

    [Test]
    public void Create_OddModels_Throws() => Assert.That(() => BalancedKeep.Create(5, 10, 0), Throws.ArgumentException.With.Message.Contains("even"));

    [Test]
    public void Shuffled_KeepsEveryColumnBalanced_AndMovesMembership()
    {
        var keep = BalancedKeep.Create(8, 1000, seed: 0);
        var shuffled = BalancedKeep.Shuffled(keep, seed: 99);
        var counts = Enumerable.Range(0, 1000).Select(n => Enumerable.Range(0, 8).Count(m => shuffled[m, n])).ToArray();
        Assert.That(counts, Is.All.EqualTo(4));
        var agree = Enumerable.Range(0, 8).Sum(m => Enumerable.Range(0, 1000).Count(n => keep[m, n] == shuffled[m, n]));
        Assert.That(agree / 8000.0, Is.InRange(0.45, 0.55));   // independent of the original: half agree by chance
    }
}
