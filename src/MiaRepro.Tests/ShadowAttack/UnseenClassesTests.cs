using System.Text.Json;
using MiaRepro.Data;
using MiaRepro.Measurements;
using MiaRepro.Experiments.ShadowAttack;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>Li et al.'s Table 2 setting: classes left out of the shadows' pools only, the accuracy on them, bad input,
/// and the two measurement rows it adds.</summary>
[TestFixture]
public sealed class UnseenClassesTests
{
    /// <summary>Train example i has class i mod 3; test example i too.</summary>
    static readonly Dataset Toy = new("toy",
        new LabelledData(arange(60, int64).view(60, 1), arange(60, int64) % 3, 3),
        new LabelledData(arange(30, int64).view(30, 1), arange(30, int64) % 3, 3), "toysha");

    static SplitManifest Split() => SplitManifest.Create(Toy, new Dictionary<string, SplitPart>
    {
        ["members"] = new() { From = "train", Size = 20 },
        ["nonMembers"] = new() { From = "test", Size = 10 },
        ["shadowPool"] = new() { From = "train", Size = 40 },
    }, 1);

    static ShadowSpec Shadows(params int[] without) => new() { Count = 1, Size = 5, InFrom = "shadowPool", OutFrom = "shadowPool", WithoutClasses = without };

    [Test]
    public void ShadowPools_RemovesTheClassFromThePoolOnly()
    {
        var split = Split();
        var pools = UnseenClasses.ShadowPools(split, Toy, Shadows(2));
        Assert.That(pools.Parts["shadowPool"].Indices, Is.EqualTo(split.Parts["shadowPool"].Indices.Where(i => i % 3 != 2)));
        Assert.That(pools.Parts["shadowPool"].Indices, Is.Not.Empty);
        Assert.That(pools.Parts["members"].Indices, Is.EqualTo(split.Parts["members"].Indices), "the target's data is left as it was");
        Assert.That(pools.Hash(), Is.Not.EqualTo(split.Hash()));
        Assert.That(split.Parts["shadowPool"].Indices.Any(i => i % 3 == 2), "the split itself is not changed");
    }

    [Test]
    public void ShadowPools_ClassBeyondTheDataset_ErrorNamesTheKey() =>
        Assert.That(Assert.Throws<ArgumentException>(() => UnseenClasses.ShadowPools(Split(), Toy, Shadows(3)))!.Message,
            Does.StartWith("shadows:withoutClasses names class 3, but toy has 3 classes"));

    [Test]
    public void Accuracy_OnlyTheNamedClasses()
    {
        int[] truth = [0, 2, 2, 1, 2], predicted = [0, 2, 1, 0, 0];
        Assert.That(UnseenClasses.Accuracy(truth, predicted, [2]), Is.EqualTo(100.0 / 3).Within(1e-12));
        Assert.That(UnseenClasses.Accuracy(truth, predicted, [0, 1]), Is.EqualTo(50));
        Assert.Throws<ArgumentException>(() => UnseenClasses.Accuracy(truth, predicted, [7]));
    }

    [TestCase(new int[0], "shadows:withoutClasses is empty")]
    [TestCase(new[] { -1 }, "shadows:withoutClasses must be class indices ≥ 0")]
    [TestCase(new[] { 2, 2 }, "shadows:withoutClasses names a class twice")]
    public void Validate_BadWithoutClasses_ErrorNamesTheKey(int[] without, string expected)
    {
        var split = new Dictionary<string, SplitPart> { ["shadowPool"] = new() { From = "train", Size = 40 } };
        Assert.That(Assert.Throws<ArgumentException>(() => Shadows(without).Validate(split))!.Message, Does.StartWith(expected));
    }
}
