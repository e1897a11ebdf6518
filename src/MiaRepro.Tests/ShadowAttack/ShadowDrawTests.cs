using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Experiments.ShadowAttack;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>Where shadows and the evaluation set take their examples from: never from each other's.</summary>
[TestFixture]
public sealed class ShadowDrawTests
{
    static readonly Dataset Toy = new("toy",
        new LabelledData(arange(200, int64).view(200, 1), zeros(200, int64), 1),
        new LabelledData(arange(100, int64).view(100, 1), zeros(100, int64), 1), "toysha");

    static SplitManifest Split(int shadowIn = 100, int shadowOut = 50) => SplitManifest.Create(Toy, new Dictionary<string, SplitPart>
    {
        ["members"] = new() { From = "train", Size = 100 },
        ["nonMembers"] = new() { From = "test", Size = 50 },
        ["shadowIn"] = new() { From = "train", Size = shadowIn },
        ["shadowOut"] = new() { From = "test", Size = shadowOut },
    }, 3);

    [Test]
    public void Create_Disjoint_ShadowsShareNoExample()
    {
        var draws = ShadowDraw.Create(new ShadowSpec { Count = 4, Size = 12, Disjoint = true }, Split(), seed: 0);
        Assert.That(draws.SelectMany(d => d.In).Distinct().Count(), Is.EqualTo(48));
        Assert.That(draws.SelectMany(d => d.Out).Distinct().Count(), Is.EqualTo(48));
        Assert.That(draws.All(d => d.In.Length == 12 && d.Out.Length == 12), Is.True);
    }

    [Test]
    public void Create_Overlapping_EachShadowDrawsIndependently_FromItsPoolsOnly()
    {
        var split = Split();
        var draws = ShadowDraw.Create(new ShadowSpec { Count = 3, Size = 40, Disjoint = false }, split, seed: 1);
        foreach (var d in draws)
        {
            Assert.That(d.In, Is.SubsetOf(split.Parts["shadowIn"].Indices));
            Assert.That(d.Out, Is.SubsetOf(split.Parts["shadowOut"].Indices));
            Assert.That(d.In, Is.Unique);
        }
        Assert.That(draws[0].In, Is.Not.EqualTo(draws[1].In));
    }

    [Test]
    public void Create_SharedPool_InAndOutAreDisjointHalves()
    {
        var split = SplitManifest.Create(Toy, new Dictionary<string, SplitPart>
        {
            ["members"] = new() { From = "all", Size = 50 }, ["nonMembers"] = new() { From = "all", Size = 50 },
            ["shadowPool"] = new() { From = "all", Size = 200 },
        }, 0);
        var draws = ShadowDraw.Create(new ShadowSpec { Count = 2, Size = 30, InFrom = "shadowPool", OutFrom = "shadowPool" }, split, 0);
        foreach (var d in draws)
        {
            Assert.That(d.In.Intersect(d.Out), Is.Empty);
            Assert.That(d.In.Concat(d.Out), Is.SubsetOf(split.Parts["shadowPool"].Indices));
        }
    }

    [Test]
    public void Create_SameSeed_SameDraws()
    {
        var spec = new ShadowSpec { Count = 2, Size = 20 };
        Assert.That(ShadowDraw.Create(spec, Split(), 5)[1].In, Is.EqualTo(ShadowDraw.Create(spec, Split(), 5)[1].In));
    }

    [Test]
    public void Create_PoolSmallerThanRequested_NamesPoolAndFix()
    {
        var e = Assert.Throws<ArgumentException>(() => ShadowDraw.Create(new ShadowSpec { Count = 5, Size = 25, Disjoint = true }, Split(), 0))!;
        Assert.That(e.Message, Does.Contain("shadowIn").And.Contain("100 examples").And.Contain("125").And.Contain("shadows:size"));
        e = Assert.Throws<ArgumentException>(() => ShadowDraw.Create(new ShadowSpec { Count = 1, Size = 60 }, Split(), 0))!;
        Assert.That(e.Message, Does.Contain("shadowOut").And.Contain("50 examples"));
    }

    [Test]
    public void ShadowSpec_NamingTheTargetsData_IsRefused()
    {
        var parts = new Dictionary<string, SplitPart> { ["members"] = new(), ["nonMembers"] = new(), ["shadowOut"] = new() };
        var e = Assert.Throws<ArgumentException>(() => new ShadowSpec { Count = 1, Size = 1, InFrom = "members" }.Validate(parts))!;
        Assert.That(e.Message, Does.Contain("target's own data"));
    }

    [Test]
    public void EvaluationDraw_ComesFromTheTargetsPartsOnly_DisjointFromEveryShadow()
    {
        var split = Split();
        var evaluation = EvaluationDraw.Draw(split, 60, 0, seed: 2);
        var shadows = ShadowDraw.Create(new ShadowSpec { Count = 4, Size = 12, Disjoint = true }, split, 2);
        Assert.That(evaluation.MemberIndices, Is.SubsetOf(split.Parts["members"].Indices).And.Length.EqualTo(60));
        Assert.That(evaluation.NonMemberIndices, Is.EquivalentTo(split.Parts["nonMembers"].Indices));
        // Same source ("train" / "test"), so index equality means the same example.
        Assert.That(shadows.SelectMany(s => s.In).Intersect(evaluation.MemberIndices), Is.Empty);
        Assert.That(shadows.SelectMany(s => s.Out).Intersect(evaluation.NonMemberIndices), Is.Empty);
    }

    [Test]
    public void EvaluationDraw_MoreThanThePartHas_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => EvaluationDraw.Draw(Split(), 101, 0, 0))!;
        Assert.That(e.Message, Does.Contain("evaluation:members").And.Contain("100"));
    }
}
