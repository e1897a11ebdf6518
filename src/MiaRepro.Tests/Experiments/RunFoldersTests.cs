using System.Text.Json.Nodes;
using MiaRepro.Experiments;
using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>A run, many claims: claims with the same settings write and read one run folder; the claim's own folder
/// holds its verdict and run record; a run no claim names goes; a probe keeps its run in its own folder.</summary>
[TestFixture]
public sealed class RunFoldersTests
{
    static ExperimentSpec Spec(string claim, int epochs) =>
        new() { Paper = "p", Claim = claim, Kind = "l2-sweep", Dataset = "mnist", Seeds = [0], Title = $"claim {claim}", Training = new() { Epochs = epochs } };

    static (string Dir, string RunDir) Write(MiaReproSettings settings, ExperimentSpec spec)
    {
        var context = new ClaimContext(settings, null, null) { Variants = [spec] };
        var table = new MeasurementTable().Add(new ClaimScope(spec.Paper, spec.Claim).Row("v", 0, "t", "", "none", "test-accuracy", spec.Training.Epochs));
        var metrics = new JsonObject { ["paper"] = spec.Paper, ["claim"] = spec.Claim };
        var (dir, runDir, _) = context.Write(spec, metrics, table, context.Info(spec, 0, 0), new { }, [], []);
        return (dir, runDir);
    }

    [Test]
    public void Write_SameSettings_OneSharedRunAndClaimFoldersWithTheirRecordOnly()
    {
        using var t = TestEnvironment.Temp();
        var settings = MiaReproSettings.Load(["--results", t.Path, "--profile", "smoke"]);
        var (a, runA) = Write(settings, Spec("a", 2));
        var (b, runB) = Write(settings, Spec("b", 2));
        var (_, runC) = Write(settings, Spec("c", 3));
        Assert.Multiple(() =>
        {
            Assert.That(runB, Is.EqualTo(runA), "same settings, same run");
            Assert.That(runC, Is.Not.EqualTo(runA));
            Assert.That(Path.GetFileName(runA), Does.Match("^l2-sweep-[0-9a-f]{8}$"));
            Assert.That(Path.GetDirectoryName(runA), Is.EqualTo(Path.Combine(t.Path, "smoke", "p", RunFolders.Runs)));
            Assert.That(Directory.GetFiles(a).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "metrics.json", "run.json" }));
            Assert.That(File.Exists(Path.Combine(runA, MeasurementTable.FileName)), Is.True);
            Assert.That(RunFolders.Of(a), Is.EqualTo(runA));
            Assert.That(RunFolders.Of(b), Is.EqualTo(runA));
        });
    }

    [Test]
    public void Write_LastClaimLeavesARun_TheRunIsRemoved()
    {
        using var t = TestEnvironment.Temp();
        var settings = MiaReproSettings.Load(["--results", t.Path, "--profile", "smoke"]);
        var (_, old) = Write(settings, Spec("a", 2));
        Write(settings, Spec("b", 2));
        Write(settings, Spec("a", 3));
        Assert.That(Directory.Exists(old), Is.True, "b still reads it");
        Write(settings, Spec("b", 3));
        Assert.That(Directory.Exists(old), Is.False, "no claim names it");
    }

    [TestCase("--variants", "v", TestName = "Write_SomeVariants_KeepsItsRunInItsOwnFolder")]
    [TestCase("--Override:seeds", "[1]", TestName = "Write_OverriddenSettings_KeepsItsRunInItsOwnFolder")]
    public void Write_Probe_KeepsItsRunInItsOwnFolder(string option, string value)
    {
        using var t = TestEnvironment.Temp();
        var settings = MiaReproSettings.Load(["--results", t.Path, "--profile", "smoke", option, value]);
        var (dir, runDir) = Write(settings, Spec("a", 2));
        Assert.That(runDir, Is.EqualTo(dir));
        Assert.That(File.Exists(Path.Combine(dir, MeasurementTable.FileName)), Is.True);
        Assert.That(Directory.Exists(Path.Combine(t.Path, "smoke", "p", RunFolders.Runs)), Is.False);
    }

    [Test]
    public void Of_RunFolderMissing_NamesTheRunAndTheFix()
    {
        using var t = TestEnvironment.Temp();
        var settings = MiaReproSettings.Load(["--results", t.Path, "--profile", "smoke"]);
        var (a, run) = Write(settings, Spec("a", 2));
        Directory.Delete(run, recursive: true);
        var e = Assert.Throws<ExperimentException>(() => RunFolders.Of(a))!;
        Assert.That(e.Message, Does.Contain($"runs/{Path.GetFileName(run)}").And.Contain("is missing").And.Contain("rerun the claim"));
    }
}
