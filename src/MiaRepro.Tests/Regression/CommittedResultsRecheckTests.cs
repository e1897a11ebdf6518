using MiaRepro.Report;
using System.Globalization;
using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Regression;

/// <summary>
/// Every committed paper and paper-cpu result's check (probes included) evaluated again by today's check code and claim
/// files on the measurements the run stored, pinned by one snapshot. No training and no attack: the claims CI cannot
/// train (Table 1, the TP-only rise, the data-size fall at paper) are judged on every commit, and a change to a check or
/// a claim file shows as a diff of the verdicts and numbers it moves. Smoke results are left out: every `dotnet test`
/// rewrites them with this machine's numbers (`miarepro recheck` covers them).
/// </summary>
[TestFixture, Category("Regression")]
public sealed class CommittedResultsRecheckTests
{
    [Test]
    public void CommittedResults_RecheckedOnStoredMeasurements_MatchSnapshot()
    {
        var settings = TestEnvironment.Settings;
        var results = new[] { "paper", "paper-cpu" }.SelectMany(p => StoredResult.Discover(Path.Combine(settings.Root, "results", p))).ToList();
        Assert.That(results, Has.Count.GreaterThan(50), "the committed results were not found");
        var rechecked = results.Select(dir => StoredResult.Recheck(settings.Experiments, dir)).Select(r => new
        {
            result = Path.GetRelativePath(settings.Root, r.Directory).Replace('\\', '/'),
            verdict = r.Rechecked.Verdict,
            lines = r.Rechecked.Lines.Select(l => $"{l.Variant} | {l.What} | paper {G(l.Paper)} | measured {G(l.Measured)} | {l.Verdict}"),
        }).ToList();
        SnapshotFiles.Match(rechecked, "Regression_CommittedResultsRechecked");
    }

    [Test]
    public void Recheck_ClaimFileGone_NamesTheResultAndTheFix()
    {
        using var t = TestEnvironment.Temp();
        var dir = t["results/paper/p/gone"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "metrics.json"), """{ "paper": "p", "claim": "gone", "outcome": { "verdict": "holds", "lines": [] } }""");
        File.WriteAllText(Path.Combine(dir, "run.json"), """{ "profile": "paper", "overrides": {} }""");
        var e = Assert.Throws<ExperimentException>(() => StoredResult.Recheck(t["experiments"], dir))!;
        Assert.That(e.Message, Does.Contain("gone.json no longer exists").And.Contain("delete the result or restore the claim"));
    }

    /// <summary>The measurement table is the stored stage: a result without it is not judged from metrics.json.</summary>
    [Test]
    public void Recheck_NoMeasurementTable_NamesTheCommandThatWritesIt()
    {
        using var t = TestEnvironment.Temp();
        var dir = t["results/smoke/irolla2019/mnist-target"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "metrics.json"), """{ "paper": "irolla2019", "claim": "mnist-target", "outcome": { "verdict": "holds", "lines": [] } }""");
        File.WriteAllText(Path.Combine(dir, "run.json"), """{ "profile": "smoke", "overrides": {} }""");
        var e = Assert.Throws<ExperimentException>(() => StoredResult.Recheck(TestEnvironment.Settings.Experiments, dir))!;
        Assert.That(e.Message, Does.Contain("has no measurements.csv").And.Contain("miarepro run irolla2019/mnist-target --profile smoke"));
    }

    static string G(double? value) => value?.ToString("G9", CultureInfo.InvariantCulture) ?? "-";
}
