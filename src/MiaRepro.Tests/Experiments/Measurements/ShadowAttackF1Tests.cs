using System.Text.Json;
using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>F1 (Li et al.'s Table 3) is a per-seed measurement row of a shadow-attack claim, a fraction, and rows
/// written before it existed (no f1, or null) yield none.</summary>
[TestFixture]
public sealed class ShadowAttackF1Tests
{
    const string Metrics = """
        { "paper": "li-lleaks", "claim": "mnist-f1-by-construction",
          "variants": [ { "name": "mi-softmax", "dataset": "mnist", "model": "LeNet5", "training": { "l2": { "lambda": 0 } },
                          "split": { "members": { "size": 1000 } }, "shadowAttack": { "model": "mlp", "release": null, "distillation": null } } ],
          "perSeed": {
            "targets": [],
            "attacks": [ { "variant": "mi-softmax", "seed": 2, "attack": "shadow", "members": 1000, "nonMembers": 1000, "accuracy": 60,
                           "balancedAccuracy": 60, "precision": 57.5, "recall": 75, "advantage": 20, "auc": 0.65,
                           "tprAt1PctFpr": 2, "classMeanAccuracy": 60, "optimisticAccuracy": 62, "detail": "" F1 } ] } }
        """;

    static IReadOnlyList<Measurement> Extract(string f1)
    {
        using var doc = JsonDocument.Parse(Metrics.Replace(" F1 }", f1 + " }", StringComparison.Ordinal));
        return MeasurementExtractor.Extract(doc.RootElement.Clone(), []).Where(m => m.Attack != AllMemberAttack.Name).ToList();
    }

    [Test]
    public void Extract_RowWithF1_OneFractionRowPerSeed()
    {
        var f1 = Extract(", \"f1\": 0.6509").Single(m => m.Metric == "f1");
        Assert.Multiple(() =>
        {
            Assert.That(f1.Value, Is.EqualTo(0.6509));
            Assert.That(f1.Unit, Is.EqualTo("fraction"));
            Assert.That((f1.Variant, f1.Seed, f1.Attack), Is.EqualTo(("mi-softmax", (int?)2, "shadow-mlp")));
        });
    }

    [TestCase("", TestName = "Extract_RowWithoutF1_NoF1Row")]
    [TestCase(", \"f1\": null", TestName = "Extract_RowWithNullF1_NoF1Row")]
    public void Extract_OlderRow_NoF1Row(string f1) =>
        Assert.That(Extract(f1).Where(m => m.Metric == "f1"), Is.Empty);
}
