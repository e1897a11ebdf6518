using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>training:dp as a claim file writes it, and the privacy record as the model store keeps it.</summary>
[TestFixture]
public sealed class DpSgdSpecLoadingTests
{
    static string Claim(string dp) => $$"""
        {
          "paper": "p", "claim": "c", "testName": "P_C", "kind": "l2-sweep", "dataset": "cifar10",
          "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 } },
          "training": { "epochs": 10, "batchSize": 32, "dp": {{dp}} },
          "seeds": [ 0 ], "lambdas": [ 0 ],
          "checks": [ { "what": "w", "type": "at-least", "of": { "metric": "gap", "lambda": "0" }, "value": 0, "control": { "none": "a loading test: nothing is measured" } } ],
          "profiles": { "smoke": {} }
        }
        """;

    [Test]
    public void Load_TrainingDp_BindsEveryKey()
    {
        using var t = TestEnvironment.Temp();
        File.WriteAllText(t["c.json"], Claim("""{ "noiseMultiplier": 1.1, "clipNorm": 0.5, "sampling": "shuffle", "delta": 1e-6, "fault": "no-clipping" }"""));
        var dp = ExperimentLoader.Load(t["c.json"], "smoke").Single().Training.Dp!;
        Assert.That((dp.NoiseMultiplier, dp.ClipNorm, dp.Sampling, dp.Delta, dp.Fault), Is.EqualTo((1.1, 0.5, "shuffle", 1e-6, "no-clipping")));
    }

    [TestCase("""{ "fault": "noise-off" }""", "training:dp:fault 'noise-off' is unknown", TestName = "Load_UnknownFault_NamesKey")]
    [TestCase("""{ "clipnorm2": 1 }""", "clipnorm2", TestName = "Load_UnknownDpKey_NamesIt")]
    public void Load_BadDp_NamesKey(string dp, string expected)
    {
        using var t = TestEnvironment.Temp();
        File.WriteAllText(t["c.json"], Claim(dp));
        var e = Assert.Catch(() => ExperimentLoader.Load(t["c.json"], "smoke"))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    /// <summary>σ = 0 records ε = ∞, which JSON has no number for: written as "Infinity" and read back.</summary>
    [Test]
    public void EpochRecord_PrivacyWithInfiniteEpsilon_RoundTripsThroughJson_AbsentWhenNull()
    {
        var spent = new PrivacySpent(double.PositiveInfinity, 1e-5, 0, 0.125, 8, "poisson", true, "none");
        var records = new List<EpochRecord> { new(1, 0.5, 90, 80, 100, 3, spent), new(2, 0.4, 91, 81, 100, 3) };
        var json = JsonSerializer.Serialize(records, new JsonSerializerOptions { WriteIndented = true });
        var back = JsonSerializer.Deserialize<List<EpochRecord>>(json)!;
        Assert.That(back[0].Privacy, Is.EqualTo(spent));
        Assert.That(back[1].Privacy, Is.Null);
        Assert.That(json.Split("Privacy").Length, Is.EqualTo(2), "a record without DP writes no Privacy key");
    }

    /// <summary>Run records serialise the training spec with default options: without DP nothing new is written.</summary>
    [Test]
    public void TrainingSpec_WithoutDp_WritesNoDpKey_WithDpWritesIt()
    {
        Assert.That(JsonSerializer.Serialize(new TrainingSpec()), Does.Not.Contain("\"Dp\""));
        Assert.That(JsonSerializer.Serialize(new TrainingSpec { Dp = new() { Fault = "no-noise" } }), Does.Contain("\"Fault\":\"no-noise\""));
    }
}
