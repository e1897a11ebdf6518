using MiaRepro.Measurements;
using MiaRepro.Report;
using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The report (results/README.md) built from results folders written here, as `miarepro report` reads them.</summary>
[TestFixture]
public sealed class ResultsReportTests
{
    [Test]
    public void ResultsReport_FromFixedResults_Snapshot()
    {
        using var t = TestEnvironment.Temp();
        var dir = Claim(t.Path, "paper/bindila2021/l2-table", """
            { "paper": "bindila2021", "claim": "l2-table", "testName": "Bindila2021_L2Table", "title": "Table 1",
              "outcome": { "verdict": "deviates", "passed": true, "lines": [
                { "variant": "as-written", "what": "no regularization: train", "paper": 92.84, "measured": 71.3, "tolerance": 3, "verdict": "deviates", "detail": "recorded" } ] } }
            """, """{ "device": "cpu", "seeds": [0], "date": "2026-11-23", "commit": "0123456789abcdef", "dirtyTree": false, "wallSeconds": 12.5 }""");
        File.WriteAllText(Path.Combine(dir, "gap-vs-lambda.png"), "png");
        Claim(t.Path, "paper-cpu/preeti2022/cifar10-ds-sweep", """
            { "paper": "preeti2022", "claim": "cifar10-ds-sweep", "testName": "Preeti2022_Cifar10AttackFallsWithDataSize", "title": "ds sweep",
              "notes": "paper-cpu: 20 epochs instead of 30, 5 shadows instead of 10.",
              "outcome": { "verdict": "holds", "passed": true, "lines": [
                { "variant": "", "what": "attack accuracy falls as ds grows", "measured": 8.1, "tolerance": 2, "verdict": "holds", "detail": "85 → 77" } ] } }
            """);
        SnapshotFiles.Match(File.ReadAllText(ResultsReport.Write(t.Path)), "ResultsReport_Fixed");
    }

    [Test]
    public void ResultsReport_PartialRun_HeadingSaysWhichVariants()
    {
        using var t = TestEnvironment.Temp();
        Claim(t.Path, "paper-cpu/p/c-probe/ds15000-seed1", """
            { "paper": "p", "claim": "c", "testName": "P_C", "title": "t", "notes": "n",
              "outcome": { "verdict": "measured", "passed": true, "lines": [] } }
            """, """{ "seeds": [1], "overrides": { "variants": "ds15000", "seeds": "[1]" } }""");
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("### p / c · partial run, variants ds15000 — t"));
        Assert.That(report, Does.Contain("Overrides in force: `variants=ds15000`, `seeds=[1]`."));
    }

    [Test]
    public void ResultsReport_FailingProbeAtPaper_LabelledAsProbeWithItsNotes()
    {
        using var t = TestEnvironment.Temp();
        Claim(t.Path, "paper/p/c-probes/seed2-10shadows", """
            { "paper": "p", "claim": "c", "testName": "P_C", "title": "t", "notes": "the rise misses its threshold on this seed.",
              "outcome": { "verdict": "FAILS", "passed": false, "lines": [] } }
            """, """{ "seeds": [2], "overrides": { "seeds": "[2]" } }""");
        Claim(t.Path, "paper/p/d", """
            { "paper": "p", "claim": "d", "testName": "P_D", "title": "u", "notes": "settings as the paper.",
              "outcome": { "verdict": "reproduces", "passed": true, "lines": [] } }
            """);
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("### p / c · probe `seed2-10shadows` — t"));
        Assert.That(report, Does.Contain("Notes: the rise misses its threshold on this seed."));
        Assert.That(report, Does.Contain("### p / d — u"));
        Assert.That(report, Does.Not.Contain("settings as the paper."), "a paper-profile claim that reproduces needs no notes in the report");
    }

    [Test]
    public void ResultsReport_ClaimWithProbes_ClaimComesFirstThenItsProbes()
    {
        using var t = TestEnvironment.Temp();
        foreach (var (dir, claim, title) in new[] { ("paper/p/c-probes/seed1", "c", "probe1"), ("paper/p/c", "c", "claim"),
                                                     ("paper/p/c-probes/seed2", "c", "probe2"), ("paper/p/c-x", "c-x", "other") })
            Claim(t.Path, dir, $$"""
                { "paper": "p", "claim": "{{claim}}", "testName": "P_C", "title": "{{title}}", "notes": "n",
                  "outcome": { "verdict": "holds", "passed": true, "lines": [] } }
                """);
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        var order = new[] { "### p / c — claim", "### p / c · probe `seed1` — probe1", "### p / c · probe `seed2` — probe2" }
            .Select(h => report.IndexOf(h, StringComparison.Ordinal)).ToArray();
        Assert.That(order, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(order, Is.Ordered, "a claim's own run is read first, its probes right after it");
        Assert.That(report, Does.Contain("### p / c-x — other"));
    }

    [Test]
    public void ResultsReport_VerdictWordedByAnOlderRun_DerivedAgainFromItsLines()
    {
        using var t = TestEnvironment.Temp();
        Claim(t.Path, "paper/p/c", """
            { "paper": "p", "claim": "c", "testName": "P_C", "title": "t", "notes": "n", "check": { "kind": "table" },
              "outcome": { "verdict": "reproduces (one reading); deviates (other)", "passed": true, "lines": [
                { "variant": "a", "what": "x", "verdict": "reproduces" }, { "variant": "a", "what": "y", "verdict": "deviates" },
                { "variant": "b", "what": "x", "verdict": "deviates" } ] } }
            """);
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("Verdict: **deviates** (1 reproduces, 2 deviate)"), "a deviation is never counted as reproduced");
        Assert.That(report, Does.Not.Contain("one reading"));
    }

    [Test]
    public void ResultsReport_ShadowAttackRun_TablesEveryVariantsAttacks()
    {
        using var t = TestEnvironment.Temp();
        // A probe judged on its own (no claim file here): the table is read from its measurements, the kind from run.json.
        var dir = Claim(t.Path, "paper-cpu/p/c-probes/ds10000-seed2", """
            { "paper": "p", "claim": "c", "testName": "P_C", "title": "t", "notes": "n",
              "outcome": { "verdict": "not run", "passed": true, "lines": [
                { "variant": "ds2500", "what": "attack accuracy at ds 2,500", "tolerance": 4, "verdict": "not-run", "detail": "variant ds2500 not run (--variants)" } ] } }
            """, """{ "profile": "paper-cpu", "kind": "shadow-attack", "seeds": [1, 2], "overrides": {} }""");
        var scope = new ClaimScope("p", "c");
        Measurement Row(int seed, string attack, string metric, double value) => scope.Row("ds10000", seed, "cifar10 PreetiCnn ds10000", attack, "none", metric, value);
        new MeasurementTable().AddRange([
            Row(1, "", "train-accuracy", 100), Row(1, "", "test-accuracy", 56.59),
            Row(1, "shadow-svm", "accuracy", 80.34), Row(2, "shadow-svm", "accuracy", 81.34), Row(1, "shadow-svm", "precision", 72.42),
            Row(1, "shadow-svm", "recall", 99.6), Row(1, "shadow-svm", "auc", 85.388), Row(1, "shadow-svm", "tpr@1%fpr", 4.48),
            Row(1, AllMemberAttack.Name, "accuracy", 50),
        ]).Write(Path.Combine(dir, MeasurementTable.FileName));
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("| ds10000 | 100.00 / 56.59 | shadow-svm | 80.84 ± 0.71 | 72.42 | 99.60 |  | 85.39 | 4.48 |").And.Not.Contain(AllMemberAttack.Name));
    }

    [Test]
    public void ResultsReport_NotesEditedAfterTheRun_QuotedBesideTheRecordedNotes()
    {
        using var t = TestEnvironment.Temp();
        var results = Path.Combine(t.Path, "results");
        Claim(results, "paper-cpu/p/c", """
            { "paper": "p", "claim": "c", "testName": "P_C", "title": "t", "notes": "as run: 2 epochs.",
              "outcome": { "verdict": "FAILS", "passed": false, "lines": [] } }
            """);
        Directory.CreateDirectory(Path.Combine(t.Path, "experiments", "p"));
        var experiment = Path.Combine(t.Path, "experiments", "p", "c.json");
        File.WriteAllText(experiment, """
            {
              "paper": "p", "claim": "c", "testName": "P_C", "kind": "l2-sweep", "dataset": "cifar10",
              "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 } },
              "training": { "epochs": 10, "batchSize": 32 }, "seeds": [ 0 ], "lambdas": [ 0 ], "asserted": false,
              "notes": "as run: 2 epochs. Found later: the last epoch spiked.",
              "profiles": { "paper-cpu": { "training": { "epochs": 2 } } }
            }
            """);
        var report = File.ReadAllText(ResultsReport.Write(results, Path.Combine(t.Path, "experiments")));
        Assert.That(report, Does.Contain("Notes: as run: 2 epochs."));
        Assert.That(report, Does.Contain("Notes edited since this run (experiments/p/c.json now): as run: 2 epochs. Found later: the last epoch spiked."));

        File.WriteAllText(experiment, File.ReadAllText(experiment).Replace(" Found later: the last epoch spiked.", ""));
        Assert.That(File.ReadAllText(ResultsReport.Write(results, Path.Combine(t.Path, "experiments"))), Does.Not.Contain("edited since"));
    }

    [Test]
    public void ResultsReport_StrayFolderOfAnInterruptedWrite_NotReadAsAClaimButNamed()
    {
        using var t = TestEnvironment.Temp();
        const string outcome = """{ "verdict": "holds", "passed": true, "lines": [] }""";
        Claim(t.Path, "paper/p/c", $$"""{ "paper": "p", "claim": "c", "testName": "P_C", "title": "the finished run", "outcome": {{outcome}} }""");
        Claim(t.Path, "paper/p/c.staging-671-1784f695b4d5", $$"""{ "paper": "p", "claim": "c", "testName": "P_C", "title": "half a run", "outcome": {{outcome}} }""");
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("### p / c — the finished run"));
        Assert.That(report, Does.Not.Contain("half a run"));
        Assert.That(report, Does.Contain("Not read: folders left by interrupted writes (they may hold half a result; safe to delete): `paper/p/c.staging-671-1784f695b4d5`."));
    }

    /// <summary>A claim's results folder under <paramref name="root"/>: its metrics.json and, when given, run.json.</summary>
    static string Claim(string root, string path, string metricsJson, string? runJson = null)
    {
        var dir = Path.Combine(root, path);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "metrics.json"), metricsJson);
        if (runJson is not null) File.WriteAllText(Path.Combine(dir, "run.json"), runJson);
        return dir;
    }
}
