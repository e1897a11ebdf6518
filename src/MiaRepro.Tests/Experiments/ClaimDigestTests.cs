using MiaRepro.Checks;
using System.Text.Json;
using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

[TestFixture]
public sealed class ClaimDigestTests
{
    static readonly RunInfo Run = new("abc", false, "cpu", "2.10.0", "0.107.0", "smoke", [0], new Dictionary<string, string>(), 1,
        DateTimeOffset.UnixEpoch, "test machine", 2, 3, 1);

    static ClaimOutcome Outcome(double measured, string verdict) =>
        new("paper", [new CheckLine("a", "attack accuracy", 60, measured, 4, verdict, $"measured {measured}")], "");

    static string Json(object digest) => JsonSerializer.Serialize(digest);

    [Test]
    public void Of_IgnoresTrainedNumbers_KeepsVerdictsSplitAndModels()
    {
        // Another CPU's kernels move a trained accuracy by a few points: the digest must not move with it.
        Assert.That(Json(ClaimDigest.Of(Outcome(61.2, "reproduces"), "{\"members\":[1,2]}", Run)),
            Is.EqualTo(Json(ClaimDigest.Of(Outcome(57.9, "reproduces"), "{\"members\":[1,2]}", Run))));
        var digest = Json(ClaimDigest.Of(Outcome(61.2, "reproduces"), "{\"members\":[1,2]}", Run));
        Assert.That(digest, Does.Contain("\"models\":4").And.Contain("\"Verdict\":\"reproduces\"").And.Not.Contain("61.2"));
    }

    [Test]
    public void Of_MovesWithTheSplitOrAVerdict()
    {
        var baseline = Json(ClaimDigest.Of(Outcome(61.2, "reproduces"), "{\"members\":[1,2]}", Run));
        Assert.That(Json(ClaimDigest.Of(Outcome(61.2, "reproduces"), "{\"members\":[1,3]}", Run)), Is.Not.EqualTo(baseline));
        Assert.That(Json(ClaimDigest.Of(Outcome(61.2, "deviates"), "{\"members\":[1,2]}", Run)), Is.Not.EqualTo(baseline));
    }
}
