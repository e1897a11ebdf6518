using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Lira;

/// <summary>
/// A many-model run killed (SIGKILL, no chance to clean up) after its first member was stored resumes there: the rerun
/// takes the stored members from the model store, trains only the rest, and finishes. The run is the real CLI on real
/// MNIST (a tiny lira claim written here), with members trained side by side (MIAREPRO_ENGINE=parallel).
/// </summary>
[TestFixture, NonParallelizable, Category("Integration")]
public sealed class KilledRunTests
{
    const int Models = 8;   // several pairs of members, so the kill lands mid-run even on a busy machine

    static string Cli()
    {
        // The test assembly sits in src/MiaRepro.Tests/bin/<configuration>/net10.0; the CLI is built beside it by `dotnet test`.
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var cli = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Cli", "bin", configuration, framework, "MiaRepro.Cli.dll");
        return File.Exists(cli) ? cli : throw new AssertionException($"{cli} is missing: build the solution first (`dotnet build` at the repository root).");
    }

    static string Claim() => JsonSerializer.Serialize(new
    {
        paper = "killed", claim = "lira-killed", testName = "Killed_Lira", title = "a run to kill", kind = "lira", source = "this test",
        dataset = "mnist", splitSeed = 0, split = new { pool = new { from = "train", size = 2000 } },
        model = new { type = "LeNet5" }, training = new { optimizer = "adam", batchSize = 128, epochs = 10, trainAccuracy = "running" },
        seeds = new[] { 0 }, lira = new { models = Models, augmentations = new[] { "plain" }, referenceCounts = new[] { 4 } },
        asserted = false, checkWhy = "a process to kill: measured only", profiles = new { smoke = new { } },
    });

    static Process Start(TempFolder t) =>
        Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Cli(), "run", "killed/lira-killed", "--root", t["root"], "--data", TestEnvironment.DataRoot, "--cache", t["cache"], "--results", t["results"], "--profile", "smoke" },
            Environment = { ["MIAREPRO_ENGINE"] = "parallel" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;

    static int StoredMembers(TempFolder t) =>
        Directory.Exists(t["cache"]) ? Directory.GetDirectories(t["cache"]).Count(d => File.Exists(Path.Combine(d, "SHA256SUMS"))) : 0;

    [Test]
    public void Run_KilledAfterItsFirstMember_ResumesFromTheStoredMembers()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["root/experiments/killed"]);
        File.WriteAllText(t["root/MiaRepro.sln"], "");
        File.WriteAllText(t["root/experiments/killed/lira-killed.json"], Claim());

        using (var run = Start(t))
        {
            var clock = Stopwatch.StartNew();
            while (StoredMembers(t) == 0 && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5)) Thread.Sleep(10);
            // (Reading the output only once it ended: reading it while the run goes on would wait for its end.)
            if (run.HasExited) Assert.Fail("the run ended before it could be killed: " + run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd());
            run.Kill(entireProcessTree: true);
            run.WaitForExit();
        }
        var before = StoredMembers(t);
        Assert.That(before, Is.InRange(1, Models - 1), "killed after the first member and before the last");

        using var rerun = Start(t);
        var output = rerun.StandardOutput.ReadToEnd() + rerun.StandardError.ReadToEnd();
        rerun.WaitForExit();
        Assert.That(rerun.ExitCode, Is.Zero, output);
        using var info = JsonDocument.Parse(File.ReadAllText(t["results/smoke/killed/lira-killed/run.json"]));
        var (trained, cached) = (info.RootElement.GetProperty("modelsTrained").GetInt32(), info.RootElement.GetProperty("modelsFromCache").GetInt32());
        Assert.That(cached, Is.GreaterThanOrEqualTo(before), "every member stored before the kill is reused");
        Assert.That(trained + cached, Is.EqualTo(Models));
        Assert.That(StoredMembers(t), Is.EqualTo(Models));
    }
}
