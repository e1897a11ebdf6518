using MiaRepro.Attacks;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>The data-leak sampler: the authors' sizes, disjoint sets, determinism, bad leak percentages.</summary>
[TestFixture]
public sealed class LeakSamplerTests
{
    // CIFAR-10's sizes: 50 000 training images (members), 10 000 test images (non-members). Loss = index, so the
    // losses say where they came from.
    static readonly double[] Members = Enumerable.Range(0, 50000).Select(i => (double)i).ToArray();
    static readonly double[] NonMembers = Enumerable.Range(0, 10000).Select(i => -1.0 - i).ToArray();

    [TestCase(1, 500, 100)]
    [TestCase(10, 5000, 1000)]
    [TestCase(16, 8000, 1600)]
    [TestCase(2.5, 1250, 250)]
    public void LeakSampler_Sizes_AsTheAuthorsSampler(double p, int n, int h)
    {
        var s = LeakSampler.Draw(Members, NonMembers, p, seed: 1);
        Assert.That(s.KnownMembers, Has.Length.EqualTo(n));
        Assert.That(s.Private, Has.Length.EqualTo(n));
        Assert.That(s.HeldOutMembers, Has.Length.EqualTo(h));
        Assert.That(s.HeldOutNonMembers, Has.Length.EqualTo(h));
        Assert.That(s.LeakPercent, Is.EqualTo(p));
    }

    [Test]
    public void LeakSampler_Sets_AreDisjointAndLossesMatchIndices()
    {
        var s = LeakSampler.Draw(Members, NonMembers, 16, seed: 5);
        Assert.That(s.KnownMemberIndices.Concat(s.HeldOutMemberIndices), Is.Unique);
        Assert.That(s.PrivateIndices.Concat(s.HeldOutNonMemberIndices), Is.Unique);
        Assert.That(s.KnownMembers, Is.EqualTo(s.KnownMemberIndices.Select(i => Members[i])));
        Assert.That(s.HeldOutMembers, Is.EqualTo(s.HeldOutMemberIndices.Select(i => Members[i])));
        Assert.That(s.Private, Is.EqualTo(s.PrivateIndices.Select(i => NonMembers[i])));
        Assert.That(s.HeldOutNonMembers, Is.EqualTo(s.HeldOutNonMemberIndices.Select(i => NonMembers[i])));
        Assert.That(s.KnownMembers.Concat(s.HeldOutMembers), Is.All.GreaterThanOrEqualTo(0), "members come from the member array");
        Assert.That(s.Private.Concat(s.HeldOutNonMembers), Is.All.LessThan(0), "non-members come from the non-member array");
    }

    [Test]
    public void LeakSampler_SameSeed_SameDraw()
    {
        var a = LeakSampler.Draw(Members, NonMembers, 3, seed: 42);
        var b = LeakSampler.Draw(Members, NonMembers, 3, seed: 42);
        Assert.That(b.KnownMemberIndices, Is.EqualTo(a.KnownMemberIndices));
        Assert.That(b.PrivateIndices, Is.EqualTo(a.PrivateIndices));
        Assert.That(b.HeldOutMemberIndices, Is.EqualTo(a.HeldOutMemberIndices));
        Assert.That(b.HeldOutNonMemberIndices, Is.EqualTo(a.HeldOutNonMemberIndices));
    }

    [Test]
    public void LeakSampler_DifferentSeed_DifferentDraw()
    {
        var a = LeakSampler.Draw(Members, NonMembers, 3, seed: 42);
        var b = LeakSampler.Draw(Members, NonMembers, 3, seed: 43);
        Assert.That(b.KnownMemberIndices, Is.Not.EqualTo(a.KnownMemberIndices));
        Assert.That(b.PrivateIndices, Is.Not.EqualTo(a.PrivateIndices));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(100)]
    [TestCase(150)]
    [TestCase(double.NaN)]
    public void LeakSampler_LeakPercentOutOfRange_Throws(double p)
    {
        var e = Assert.Throws<ArgumentException>(() => LeakSampler.Draw(Members, NonMembers, p, seed: 1));
        Assert.That(e!.Message, Does.Contain($"Leak percentage {p} is out of range").And.Contain("0 < p < 100"));
    }

    [Test]
    public void LeakSampler_MoreThanTheNonMembersHold_SaysTheLargestLeak()
    {
        var e = Assert.Throws<ArgumentException>(() => LeakSampler.Draw(Members, NonMembers, 17, seed: 1));
        Assert.That(e!.Message, Does.Contain("8500 private + 1700 held-out = 10200 non-members but there are 10000").And.Contain("at most 16.66%"));
        Assert.DoesNotThrow(() => LeakSampler.Draw(Members, NonMembers, 16.66, seed: 1));
    }

    [Test]
    public void LeakSampler_MoreThanTheMembersHold_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => LeakSampler.Draw(NonMembers, Members, 90, seed: 1));
        Assert.That(e!.Message, Does.Contain("members but there are 10000").And.Contain("at most 83.33%"));
    }

    [Test]
    public void LeakSampler_TooFewKnownMembers_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => LeakSampler.Draw(Members, NonMembers, 0.008, seed: 1));
        Assert.That(e!.Message, Does.Contain("n = 4 known members and h = 0 held out").And.Contain("raise the leak percentage"));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public void LeakSampler_HeldOutFractionOutOfRange_Throws(double f) =>
        Assert.That(Assert.Throws<ArgumentException>(() => LeakSampler.Draw(Members, NonMembers, 10, 1, f))!.Message, Does.Contain("Held-out fraction"));
}
