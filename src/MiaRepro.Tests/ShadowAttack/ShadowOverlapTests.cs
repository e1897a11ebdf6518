using MiaRepro.Data;
using MiaRepro.Experiments.ShadowAttack;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>A shadow set that shares examples with the target's members is refused, naming the key.</summary>
[TestFixture]
public sealed class ShadowOverlapTests
{
    static readonly SplitManifest Split = new("toy", "toysha", 0, new Dictionary<string, SplitManifest.Part>
    {
        ["members"] = new("train", [1, 2, 3, 4]),
        ["shadowPool"] = new("train", [5, 6, 7, 8]),
    });

    [Test]
    public void Require_ShadowInOverlapsMembers_ErrorNamesInFrom()
    {
        var e = Assert.Throws<ArgumentException>(() => ShadowOverlap.Require(new ShadowDraw("train", [3, 5], "train", [6, 7]), Split));
        Assert.That(e!.Message, Does.StartWith("shadows:inFrom: the shadow set shares 1 example(s) with the target's members"));
    }

    [Test]
    public void Require_ShadowOutOverlapsMembers_ErrorNamesOutFrom() =>
        Assert.That(Assert.Throws<ArgumentException>(() => ShadowOverlap.Require(new ShadowDraw("train", [5], "train", [1, 2]), Split))!.Message,
            Does.StartWith("shadows:outFrom"));

    [Test]
    public void Require_DisjointOrOtherPart_Passes()
    {
        Assert.DoesNotThrow(() => ShadowOverlap.Require(new ShadowDraw("train", [5, 6], "train", [7, 8]), Split));
        Assert.DoesNotThrow(() => ShadowOverlap.Require(new ShadowDraw("test", [1, 2], "test", [3, 4]), Split), "test indices name other images");
    }
}
