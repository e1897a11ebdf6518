using System.Text.Json;
using MiaRepro.Experiments.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>A lira claim's metrics.json in the shape LiraKind writes, read into the measurement table.</summary>
[TestFixture]
public sealed class LiraMeasurementsTests
{
    const string Metrics = """
        { "paper": "carlini2022", "claim": "lira-vs-loss-low-fpr", "variant": "default", "target": "pool 2000, 8 models",
          "members": [ { "seed": 0, "index": 0, "trainAccuracy": 80, "testAccuracy": 30 }, { "seed": 0, "index": 1, "trainAccuracy": 70, "testAccuracy": 40 } ],
          "liraAttacks": [
            { "seed": 0, "attack": "lira-online global", "references": null, "keep": "true", "auc": 82.5,
              "tprAtFprs": [ { "targetFpr": 0.001, "tpr": 2.9 }, { "targetFpr": 0.01, "tpr": 12 } ] },
            { "seed": 0, "attack": "lira-online global", "references": 4, "keep": "true", "auc": 80,
              "tprAtFprs": [ { "targetFpr": 0.001, "tpr": 3.2 } ] },
            { "seed": 0, "attack": "loss-threshold", "references": null, "keep": "shuffled", "auc": 50.1,
              "tprAtFprs": [ { "targetFpr": 0.001, "tpr": 0.1 } ] } ] }
        """;

    static IReadOnlyList<Measurement> Rows()
    {
        using var doc = JsonDocument.Parse(Metrics);
        return MeasurementExtractor.Extract(doc.RootElement.Clone(), [0]);
    }

    [Test]
    public void KindOf_LiraAttacks_IsLira()
    {
        using var doc = JsonDocument.Parse(Metrics);
        Assert.That(MeasurementExtractor.KindOf(doc.RootElement), Is.EqualTo("lira"));
    }

    [Test]
    public void Extract_Attacks_RowsInPercentWithReferencesInTheAttackAndTheControlAsADefense()
    {
        var rows = Rows().Where(r => r.Attack.Length > 0).Select(r => (r.Variant, r.Seed, r.Target, r.Attack, r.Defense, r.Metric, r.Value, r.Unit)).ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("default", (int?)0, "pool 2000, 8 models", "lira-online global", "none", "auc", 82.5, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online global", "none", "tpr@0.1%fpr", 2.9, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online global", "none", "tpr@1%fpr", 12.0, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online global k=4", "none", "auc", 80.0, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online global k=4", "none", "tpr@0.1%fpr", 3.2, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "loss-threshold", "shuffled-keep", "auc", 50.1, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "loss-threshold", "shuffled-keep", "tpr@0.1%fpr", 0.1, "%"),
        }));
    }

    [Test]
    public void Extract_Members_MeanAccuracyPerSeed()
    {
        var utility = Rows().Where(r => r.Attack.Length == 0).Select(r => (r.Metric, r.Value)).ToList();
        Assert.That(utility, Is.EqualTo(new[] { ("train-accuracy", 75.0), ("test-accuracy", 35.0) }));
    }
}
