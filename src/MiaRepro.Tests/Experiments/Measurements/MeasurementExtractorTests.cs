using System.Text.Json;
using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>Small metrics.json fragments of each kind, in the shapes ClaimRunner writes.</summary>
[TestFixture]
public sealed class MeasurementExtractorTests
{
    const string Shadow = """
        { "paper": "preeti2022", "claim": "output-defenses",
          "variants": [ { "name": "top-3", "dataset": "cifar10", "model": "PreetiCnn", "training": { "l2": { "lambda": 0 } },
                          "split": { "members": { "size": 2500 } },
                          "shadowAttack": { "model": "svm", "release": { "name": "top-k", "lambda": 0, "k": 3, "decimals": 0, "temperature": 0, "label": "top-3" }, "distillation": null } } ],
          "perSeed": {
            "targets": [ { "variant": "top-3", "seed": 1, "trainAccuracy": 100, "testAccuracy": 47.5, "gap": 52.5,
                           "shadowTrainAccuracy": 99.9, "shadowTestAccuracy": 48, "modelsTrained": 0, "modelsCached": 11 } ],
            "attacks": [ { "variant": "top-3", "seed": 1, "attack": "shadow", "members": 2500, "nonMembers": 2500, "accuracy": 87.6,
                           "balancedAccuracy": 87.6, "precision": 80.2, "recall": 99.8, "advantage": 75.2, "auc": 0.91664528,
                           "tprAt1PctFpr": 7.92, "classMeanAccuracy": 87.5, "optimisticAccuracy": 90.1, "detail": "" } ] } }
        """;

    const string Matrix = """
        { "paper": "bindila2021", "claim": "defense-matrix",
          "variants": [ { "name": "as-written", "model": "LeNet5(average pooling)" } ],
          "matrix": { "loss": "cross-entropy", "leakPercent": 8,
                      "defenses": [ { "name": "top-k", "lambda": 0, "k": 1, "decimals": 0, "temperature": 0, "label": "top-1" } ] },
          "utility": [ { "variant": "as-written", "defense": "top-1", "trainAccuracy": 95.256, "testAccuracy": 50.95 } ],
          "cells": [
            { "variant": "as-written", "defense": "top-1", "attack": "kde", "accuracy": { "mean": 71.75, "std": 0, "values": [71.75] },
              "advantage": { "mean": 43.5, "std": 0, "values": [43.5] }, "auc": { "mean": 91.664528, "std": 0, "values": [91.664528] },
              "tprAt1PctFpr": { "mean": 2.7, "std": 0, "values": [2.7] }, "notApplicable": null },
            { "variant": "as-written", "defense": "top-1", "attack": "ccr", "accuracy": null, "advantage": null, "auc": null,
              "tprAt1PctFpr": null, "notApplicable": "constant losses" } ] }
        """;

    const string Kde = """
        { "paper": "bindila2021", "claim": "kde-l2-defense",
          "rows": [ { "variant": "as-coded", "lambda": 0.01, "train": { "mean": 64, "std": 0, "values": [64] } } ],
          "perSeed": [ { "variant": "as-coded", "lambda": 0.01, "seed": 0, "trainAccuracy": 64, "testAccuracy": 62 },
                       { "variant": "as-coded", "lambda": 0.01, "seed": 1, "trainAccuracy": 66, "testAccuracy": 61 } ],
          "attackRows": [ { "variant": "as-coded", "lambda": 0.01, "loss": "cross-entropy", "leakPercent": 1, "seeds": [0, 1],
            "heldOut": ATTACK, "inSample": ATTACK,
            "wasserstein": { "mean": 0.5, "std": 0, "values": [0.4, 0.6, 0.5, 0.5] }, "kl": { "mean": 0.1, "std": 0, "values": [0.1, 0.1, 0.1, 0.1] } } ] }
        """;

    static readonly string KdeAttack = "{" + string.Join(", ", new[] { "accuracy", "tpr", "fpr", "tpShare", "fpShare", "auc", "tprAt1PctFpr", "fprFloor", "fprFloorShare" }
        .Select(m => $"\"{m}\": {{ \"mean\": 62.5, \"std\": 0, \"values\": [60, 70, 60, 60] }}")) + "}";

    static IReadOnlyList<Measurement> Extract(string json, params int[] seeds)
    {
        using var doc = JsonDocument.Parse(json);
        return MeasurementExtractor.Extract(doc.RootElement.Clone(), seeds).Where(m => m.Attack != AllMemberAttack.Name).ToList();   // the kind's own rows (AllMemberAttackTests)
    }

    [Test]
    public void Extract_ShadowAttackAndDefenseMatrixAuc_SameUnitAndValue()
    {
        var shadow = Extract(Shadow).Single(m => m.Metric == "auc");
        var matrix = Extract(Matrix, 0).Single(m => m.Metric == "auc");
        Assert.Multiple(() =>
        {
            Assert.That(shadow.Unit, Is.EqualTo(matrix.Unit).And.EqualTo("%"));
            Assert.That(shadow.Value, Is.EqualTo(91.664528).Within(1e-9));
            Assert.That(matrix.Value, Is.EqualTo(91.664528).Within(1e-9));
        });
    }

    [Test]
    public void Extract_ShadowAttack_PerSeedRowsNamedByAttackModelAndRelease()
    {
        var rows = Extract(Shadow);
        var tpr = rows.Single(m => m.Metric == "tpr@1%fpr");
        Assert.Multiple(() =>
        {
            Assert.That(tpr, Is.EqualTo(new Measurement("preeti2022", "output-defenses", "top-3", 1, "cifar10 PreetiCnn ds2500", "shadow-svm", "top-k", "tpr@1%fpr", 7.92, "%")
                { Facets = FacetValues.None.With(Facet.Top, 3) }));
            Assert.That(rows.Single(m => m.Metric == "test-accuracy").Attack, Is.EqualTo(""));
            Assert.That(rows, Has.Count.EqualTo(5 + 11));
        });
    }

    [Test]
    public void Extract_ShadowRowWithTprAtFprList_OneRowPerTargetFprAndNoDuplicateAtOnePercent()
    {
        var json = Shadow.Replace("\"detail\": \"\"", "\"detail\": \"\", \"tprAtFprs\": [ { \"targetFpr\": 0.001, \"tpr\": 1.5 }, { \"targetFpr\": 0.01, \"tpr\": 7.92 } ]", StringComparison.Ordinal);
        var tpr = Extract(json).Where(m => m.Metric.StartsWith("tpr@", StringComparison.Ordinal)).Select(m => (m.Metric, m.Value));
        Assert.That(tpr, Is.EquivalentTo(new[] { ("tpr@0.1%fpr", 1.5), ("tpr@1%fpr", 7.92) }));
    }

    [Test]
    public void Extract_DefenseCellWithTprAtFprList_OneRowPerTargetFpr()
    {
        var json = Matrix.Replace("\"notApplicable\": null", "\"notApplicable\": null, \"tprAtFprs\": [ { \"targetFpr\": 0.001, \"tpr\": { \"mean\": 0.5, \"std\": 0, \"values\": [0.5] } }, " +
            "{ \"targetFpr\": 0.01, \"tpr\": { \"mean\": 2.7, \"std\": 0, \"values\": [2.7] } } ]", StringComparison.Ordinal);
        var tpr = Extract(json, 0).Where(m => m.Metric.StartsWith("tpr@", StringComparison.Ordinal)).Select(m => (m.Metric, m.Value));
        Assert.That(tpr, Is.EquivalentTo(new[] { ("tpr@0.1%fpr", 0.5), ("tpr@1%fpr", 2.7) }));
    }

    [Test]
    public void Extract_DefenseMatrix_RunSeedAndNotApplicableCellsGiveNoRows()
    {
        var rows = Extract(Matrix, 2);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Seed).Distinct(), Is.EqualTo(new int?[] { 2 }));
            Assert.That(rows.Count(r => r.Attack != ""), Is.EqualTo(4));
            var advantage = rows.Single(r => r.Metric == "advantage");
            Assert.That(advantage.Attack, Is.EqualTo("kde"));
            Assert.That(advantage.Facets.ToString(), Is.EqualTo("top=1, evaluation=held-out, loss=cross-entropy, leak=8"));
            Assert.That(rows.Single(r => r.Metric == "test-accuracy").Defense, Is.EqualTo("top-k"));
            Assert.That(rows.Single(r => r.Metric == "test-accuracy").Facets.ToString(), Is.EqualTo("top=1"));
        });
    }

    [Test]
    public void Extract_KdeLeak_TrialsSplitIntoSeedMeans()
    {
        var rows = Extract(Kde.Replace("ATTACK", KdeAttack, StringComparison.Ordinal), 0, 1);
        var accuracy = rows.Where(r => r.Metric == "accuracy" && r.Attack == "kde" && r.Facets["evaluation"] == "held-out").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(accuracy.Select(r => (r.Seed, r.Value)), Is.EqualTo(new (int?, double)[] { (0, 65), (1, 60) }));
            Assert.That(rows.Where(r => r.Metric == "wasserstein").Select(r => r.Value), Is.EqualTo(new[] { 0.5, 0.5 }));
            Assert.That(rows.Where(r => r.Metric == "gap").Select(r => r.Value), Is.EqualTo(new[] { 2.0, 5.0 }));
            Assert.That(rows.First(r => r.Metric == "gap").Defense, Is.EqualTo("l2"));
            Assert.That(accuracy[0].Facets.ToString(), Is.EqualTo("lambda=0.01, evaluation=held-out, loss=cross-entropy, leak=1"));
            Assert.That(rows.First(r => r.Metric == "wasserstein").Facets.ToString(), Is.EqualTo("lambda=0.01, loss=cross-entropy, leak=1"));
        });
    }

    [Test]
    public void KindOf_NoKnownShape_Throws()
    {
        using var doc = JsonDocument.Parse("""{ "paper": "x" }""");
        Assert.Throws<FormatException>(() => MeasurementExtractor.KindOf(doc.RootElement));
    }
}
