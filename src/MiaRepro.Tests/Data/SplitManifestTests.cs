using MiaRepro.Data;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Data;

[TestFixture]
public sealed class SplitManifestTests
{
    // A small synthetic dataset: 100 train, 40 test examples whose feature is their index.
    static readonly Dataset Toy = new("toy",
        new LabelledData(arange(100, int64).view(100, 1), zeros(100, int64), 1),
        new LabelledData(arange(40, int64).view(40, 1), zeros(40, int64), 1), "toysha");

    static Dictionary<string, SplitPart> Parts(int members = 30, int shadow = 50, int nonMembers = 20) => new()
    {
        ["members"] = new() { From = "train", Size = members },
        ["shadowPool"] = new() { From = "train", Size = shadow },
        ["nonMembers"] = new() { From = "test", Size = nonMembers },
    };

    [Test]
    public void Create_PartsFromOneSource_AreDisjoint()
    {
        var m = SplitManifest.Create(Toy, Parts(), seed: 7);
        Assert.That(m.Parts["members"].Indices.Intersect(m.Parts["shadowPool"].Indices), Is.Empty);
        Assert.That(m.Parts["members"].Indices, Has.Length.EqualTo(30).And.Unique);
        Assert.That(m.Parts["nonMembers"].Indices, Is.All.InRange(0L, 39L));
    }

    [Test]
    public void Create_SameSeed_SameManifest_DifferentSeed_Different()
    {
        var a = SplitManifest.Create(Toy, Parts(), 1);
        var b = SplitManifest.Create(Toy, Parts(), 1);
        var c = SplitManifest.Create(Toy, Parts(), 2);
        Assert.That(a.Hash(), Is.EqualTo(b.Hash()));
        Assert.That(a.Parts["members"].Indices, Is.EqualTo(b.Parts["members"].Indices));
        Assert.That(c.Parts["members"].Indices, Is.Not.EqualTo(a.Parts["members"].Indices));
    }

    [Test]
    public void Create_WholeSource_KeepsOfficialOrder()
    {
        var m = SplitManifest.Create(Toy, new Dictionary<string, SplitPart> { ["members"] = new() { From = "train", Size = 100 } }, 3);
        Assert.That(m.Parts["members"].Indices, Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
    }

    [Test]
    public void Create_PartLargerThanWhatIsLeft_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => SplitManifest.Create(Toy, Parts(members: 60, shadow: 50), 0))!;
        Assert.That(e.Message, Does.Contain("split:shadowPool:size").And.Contain("40 examples left"));
    }

    [Test]
    public void Select_ReturnsTheIndexedRows()
    {
        var m = SplitManifest.Create(Toy, Parts(), 5);
        var selected = m.Select(Toy, "nonMembers");
        Assert.That(selected.Features.flatten().data<long>().ToArray(), Is.EqualTo(m.Parts["nonMembers"].Indices));
    }

    [Test]
    public void Select_DifferentDatasetChecksum_Refuses()
    {
        var m = SplitManifest.Create(Toy, Parts(), 5);
        var other = Toy with { Sha256 = "other" };
        Assert.Throws<InvalidOperationException>(() => m.Select(other, "members"));
    }

    [Test]
    public void Create_AllMixedWithTrain_IsRefused_BecauseTheyOverlap()
    {
        var e = Assert.Throws<ArgumentException>(() => SplitManifest.Create(Toy, new Dictionary<string, SplitPart>
        {
            ["members"] = new() { From = "all", Size = 10 }, ["shadowPool"] = new() { From = "train", Size = 10 },
        }, 0))!;
        Assert.That(e.Message, Does.Contain("cannot be mixed").And.Contain("overlap"));
    }

    [Test]
    public void Create_All_IsTrainThenTest()
    {
        var m = SplitManifest.Create(Toy, new Dictionary<string, SplitPart> { ["members"] = new() { From = "all", Size = 140 } }, 0);
        Assert.That(m.Select(Toy, "members").Features.view(-1).data<long>().ToArray(), Is.EqualTo(Enumerable.Range(0, 100).Concat(Enumerable.Range(0, 40)).Select(i => (long)i)));
    }
}
