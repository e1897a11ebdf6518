using System.Text.Json;
using MiaRepro.Measurements;
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
    public void Extract_Attacks_RowsInPercentWithVarianceReferencesAndKeepAsFacets()
    {
        var rows = Rows().Where(r => r.Attack.Length > 0).Select(r => (r.Variant, r.Seed, r.Target, r.Attack, r.Defense, Facets: r.Facets.ToString(), r.Metric, r.Value, r.Unit)).ToList();
        const string all = "targets=leave-one-out, keep=real, variance=global, references=all", k4 = "targets=leave-one-out, keep=real, variance=global, references=4";
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("default", (int?)0, "pool 2000, 8 models", "lira-online", "none", all, "auc", 82.5, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online", "none", all, "tpr@0.1%fpr", 2.9, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online", "none", all, "tpr@1%fpr", 12.0, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online", "none", k4, "auc", 80.0, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "lira-online", "none", k4, "tpr@0.1%fpr", 3.2, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "loss-threshold", "none", "targets=leave-one-out, keep=shuffled", "auc", 50.1, "%"),
            ("default", (int?)0, "pool 2000, 8 models", "loss-threshold", "none", "targets=leave-one-out, keep=shuffled", "tpr@0.1%fpr", 0.1, "%"),
        }));
    }

    [Test]
    public void Extract_Members_MeanAccuracyPerSeed()
    {
        var utility = Rows().Where(r => r.Attack.Length == 0).Select(r => (r.Metric, r.Value)).ToList();
        Assert.That(utility, Is.EqualTo(new[] { ("train-accuracy", 75.0), ("test-accuracy", 35.0) }));
    }

    [Test]
    public void Extract_HeavyTail_RowsPerFprWithNullAndPAndTheControlAsAKeepFacet()
    {
        const string withTail = """
            { "paper": "carlini2022", "claim": "heavy-tail", "variant": "default", "target": "pool 2000, 8 models",
              "members": [ { "seed": 0, "index": 0, "trainAccuracy": 80, "testAccuracy": 30 } ],
              "liraAttacks": [],
              "liraHeavyTail": [
                { "seed": 0, "attack": "lira-online global", "keep": "true", "targetFpr": 0.001, "truePositives": 240, "memberPairs": 8000, "topExamples": 20,
                  "top": { "share": 30, "nullMean": 12.5, "nullQ99": 15, "pValue": 0.000999 },
                  "halfDetected": { "share": 60, "nullMean": 9, "nullQ99": 11, "pValue": 0.000999 },
                  "nullDraws": 1000, "detectionHistogram": [1800, 100, 60, 30, 10], "thresholds": [1.5, null], "truePositivesPerTarget": [120, 120] },
                { "seed": 0, "attack": "lira-online global", "keep": "shuffled", "targetFpr": 0.01, "truePositives": 80, "memberPairs": 8000, "topExamples": 20,
                  "top": { "share": 25, "nullMean": 25, "nullQ99": 25, "pValue": 1 },
                  "halfDetected": { "share": 2.5, "nullMean": 3, "nullQ99": 7.5, "pValue": 0.6 },
                  "nullDraws": 1000, "detectionHistogram": [1920, 80], "thresholds": [0.5, 0.4], "truePositivesPerTarget": [40, 40] } ] }
            """;
        using var doc = JsonDocument.Parse(withTail);
        var rows = MeasurementExtractor.Extract(doc.RootElement.Clone(), [0]).Where(r => r.Attack.Length > 0)
            .Select(r => (r.Facets["keep"], r.Metric, r.Value, r.Unit)).ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("real", "tp-count@0.1%fpr", 240.0, "pairs"),
            ("real", "tp-share-top-1pct@0.1%fpr", 30.0, "%"),
            ("real", "tp-share-top-1pct-null@0.1%fpr", 12.5, "%"),
            ("real", "tp-share-top-1pct-null-q99@0.1%fpr", 15.0, "%"),
            ("real", "tp-share-top-1pct-p@0.1%fpr", 0.000999, "p-value"),
            ("real", "tp-share-half-detected@0.1%fpr", 60.0, "%"),
            ("real", "tp-share-half-detected-null@0.1%fpr", 9.0, "%"),
            ("real", "tp-share-half-detected-null-q99@0.1%fpr", 11.0, "%"),
            ("real", "tp-share-half-detected-p@0.1%fpr", 0.000999, "p-value"),
            ("shuffled", "tp-count@1%fpr", 80.0, "pairs"),
            ("shuffled", "tp-share-top-1pct@1%fpr", 25.0, "%"),
            ("shuffled", "tp-share-top-1pct-null@1%fpr", 25.0, "%"),
            ("shuffled", "tp-share-top-1pct-null-q99@1%fpr", 25.0, "%"),
            ("shuffled", "tp-share-top-1pct-p@1%fpr", 1.0, "p-value"),
            ("shuffled", "tp-share-half-detected@1%fpr", 2.5, "%"),
            ("shuffled", "tp-share-half-detected-null@1%fpr", 3.0, "%"),
            ("shuffled", "tp-share-half-detected-null-q99@1%fpr", 7.5, "%"),
            ("shuffled", "tp-share-half-detected-p@1%fpr", 0.6, "p-value"),
        }));
    }

    [Test]
    public void Extract_FittedA_MeanOverTargetsBesideTheAttacksAuc()
    {
        const string withA = """
            { "paper": "carlini2022", "claim": "online-offline-global", "variant": "default", "target": "pool 2000, 8 models", "members": [],
              "liraAttacks": [
                { "seed": 0, "attack": "rmia-offline a=fitted", "references": null, "keep": "true", "auc": 70, "tprAtFprs": [], "fittedA": [0.2, 0.4, 0.3, 0.5] } ] }
            """;
        using var doc = JsonDocument.Parse(withA);
        var rows = MeasurementExtractor.Extract(doc.RootElement.Clone(), [0]).Select(r => (r.Attack, A: r.Facets["a"], r.Metric, r.Unit)).ToList();
        Assert.That(rows, Is.EqualTo(new[] { ("rmia-offline", "fitted", "auc", "%"), ("rmia-offline", "fitted", "fitted-a", "fraction") }));
        Assert.That(MeasurementExtractor.Extract(doc.RootElement.Clone(), [0])[1].Value, Is.EqualTo(0.35).Within(1e-12));
    }
}
