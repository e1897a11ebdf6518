using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MiaRepro.Tests.Cli;

/// <summary>
/// tools/slurm for real: a one-node Slurm cluster (tools/slurm/cluster.sh: munged, slurmctld, slurmd from Debian 12's
/// slurm-wlm and munge, everything in a temp folder) runs ShardProcessTests' tiny claim as a 2-task array and a merge
/// that depends on it, submitted by tools/slurm/submit.sh with the built CLI; the merged measurements.csv must be
/// byte-identical to a single-process run's, with the array requeued (preempted) mid-run on the way. Where this is not root or Slurm is absent, or the daemons cannot start
/// here, the test is ignored with the reason: reported as not run, never as passed.
/// </summary>
[TestFixture, NonParallelizable, Category("Slurm")]
public sealed class SlurmTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    // sbin holds slurmctld, slurmd and munged; a test host's PATH may lack it.
    static readonly string Path = $"{System.Environment.GetEnvironmentVariable("PATH")}:/usr/sbin:/sbin";
    string? cluster;   // the cluster's temp folder, stopped and removed in TearDown
    string? conf;      // its slurm.conf (SLURM_CONF for every Slurm command)

    static string Script(string name) => System.IO.Path.Combine(TestEnvironment.Settings.Root, "tools", "slurm", name);

    [SetUp]
    public void StartCluster()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("not run: Slurm is tested on Linux only");
        if (System.Environment.UserName != "root") Assert.Ignore($"not run: the one-node cluster needs root (SlurmUser=root), this is {System.Environment.UserName}");
        var missing = new[] { "sbatch", "squeue", "scontrol", "slurmctld", "slurmd", "munged" }.Where(t => !OnPath(t)).ToList();
        if (missing.Count > 0) Assert.Ignore($"not run: {string.Join(", ", missing)} not installed (apt-get install slurm-wlm munge; .ci/run does as root)");
        var (code, output) = Exec(new() { ["SLURM_CONF"] = null }, TimeSpan.FromMinutes(2), Script("cluster.sh"), "start");
        if (code != 0) Assert.Ignore($"not run: the one-node Slurm cluster did not start here (exit {code}):\n{output}");
        // start prints "export SLURM_CONF=… MIAREPRO_SLURM_DIR=…" as its last line.
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("export "));
        var vars = line["export ".Length..].Split(' ').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        (cluster, conf) = (vars["MIAREPRO_SLURM_DIR"], vars["SLURM_CONF"]);
    }

    [TearDown]
    public void StopCluster()
    {
        if (cluster is null) return;
        var (code, output) = Exec([], TimeSpan.FromMinutes(1), Script("cluster.sh"), "stop", cluster);
        cluster = null;
        Assert.That(code, Is.Zero, $"cluster.sh stop: {output}");
    }

    [Test]
    public void TwoTaskArrayThenMerge_MeasurementsIdenticalToOneProcess()
    {
        using var t = TestEnvironment.Temp();
        // ShardProcessTests' tiny settings, less its --cache: submit.sh gives every job the shared store (SHARED_CACHE).
        var settings = ShardProcessTests.Args(t["store"], t["merged"]).ToList();
        settings.RemoveRange(settings.IndexOf("--cache"), 2);
        var single = Task.Run(() => CliProcess.Run(new Dictionary<string, string?> { ["MIAREPRO_VARIANTS"] = null }, Limit,
            ShardProcessTests.Args(t["single-store"], t["single"], "run", ShardProcessTests.Claim)));

        var dll = CliProcess.Dll();
        Assert.That(dll, Does.Not.Contain(' '), "MIAREPRO is split on spaces by the sbatch scripts");
        var (code, output) = Exec(new()
        {
            ["SLURM_CONF"] = conf, ["MIAREPRO"] = $"dotnet {dll}", ["SHARED_CACHE"] = t["store"], ["SLURM_LOGS"] = t["logs"],
            ["MIAREPRO_VARIANTS"] = null, ["GPU"] = null,
        }, TimeSpan.FromMinutes(1), [Script("submit.sh"), ShardProcessTests.Claim, "2", .. settings]);
        Assert.That(code, Is.Zero, output);
        // "array=<id> merge=<id>"
        var ids = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split(' ').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

        // Preemption, as Slurm does it: once a model is stored and a task still runs, requeue the array. Its running
        // tasks get SIGTERM (the CLI stops with 143, finished models kept) and rerun (--requeue) training only what is
        // missing. Tiny models train in seconds, so the array may finish first: then this part is reported, not failed.
        var clock = Stopwatch.StartNew();
        while (!Directory.Exists(t["store"]) || Directory.GetFiles(t["store"], "entry.json", SearchOption.AllDirectories).Length == 0)
        {
            if (clock.Elapsed > Limit || Slurm("squeue", "-h", "-j", ids["array"]).Trim().Length == 0) break;
            Thread.Sleep(200);
        }
        var requeued = false;
        if (Slurm("squeue", "-h", "-t", "R", "-j", ids["array"]).Trim().Length > 0)
        {
            var (requeueCode, requeueOutput) = Exec(new() { ["SLURM_CONF"] = conf }, TimeSpan.FromMinutes(1), "scontrol", "requeue", ids["array"]);
            requeued = requeueCode == 0;
            if (requeued) TestContext.Out.WriteLine($"requeued array {ids["array"]} after {clock.Elapsed.TotalSeconds:F0} s with a model stored");
            if (!requeued) TestContext.Out.WriteLine($"scontrol requeue {ids["array"]} refused (the tasks were ending?): {requeueOutput}");
        }
        // A note, not Assert.Warn: the adapter would report the whole test as skipped, and the merge below is still checked.
        if (!requeued) TestContext.Out.WriteLine("the array finished before it could be requeued: preemption not exercised this time");

        // Both jobs leave squeue's default listing (pending, running) when they end; a failed shard makes the merge's
        // dependency invalid and --kill-on-invalid-dep drops it, so this ends either way.
        clock.Restart();
        while (Slurm("squeue", "-h", "-j", $"{ids["array"]},{ids["merge"]}").Trim().Length > 0)
        {
            if (clock.Elapsed > Limit) Assert.Fail($"the jobs ran past {Limit}:\n{Slurm("squeue")}\n{Logs(t["logs"])}");
            Thread.Sleep(2000);
        }
        var merge = Regex.Match(Slurm("scontrol", "show", "job", ids["merge"]), @"JobState=\S+( Reason=\S+)?").Value;
        Assert.That(merge, Does.StartWith("JobState=COMPLETED"), $"the merge job: {merge}\n{Logs(t["logs"])}");

        if (requeued)
            Assert.That(Logs(t["logs"]), Does.Contain("attempt 2"), "a requeued task ran again");

        var (singleCode, singleOutput) = single.Result;
        Assert.That(singleCode, Is.AnyOf(0, 3), singleOutput);   // 3: a check failed at 2 epochs — a verdict
        var (merged, alone) = (ShardProcessTests.Measurements(t["merged"]), ShardProcessTests.Measurements(t["single"]));
        Assert.That(File.ReadAllBytes(merged), Is.EqualTo(File.ReadAllBytes(alone)), $"{merged} differs from {alone}\n{Logs(t["logs"])}");
        using var run = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(merged)!, "run.json")));
        Assert.That((run.RootElement.GetProperty("modelsFromCache").GetInt32(), run.RootElement.GetProperty("modelsTrained").GetInt32()), Is.EqualTo((8, 0)),
            "the merge trained nothing: the two array tasks trained all 8 models");
    }

    string Slurm(params string[] args)
    {
        var (code, output) = Exec(new() { ["SLURM_CONF"] = conf }, TimeSpan.FromMinutes(1), args);
        Assert.That(code, Is.Zero, $"{string.Join(' ', args)}: {output}");
        return output;
    }

    /// <summary>Every job log, for a failure message.</summary>
    static string Logs(string folder) => !Directory.Exists(folder) ? $"(no logs in {folder})"
        : string.Join('\n', Directory.GetFiles(folder).Order().Select(f => $"--- {System.IO.Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    static bool OnPath(string tool) => Path.Split(':').Any(d => d.Length > 0 && File.Exists(System.IO.Path.Combine(d, tool)));

    /// <summary>Runs a program with sbin on PATH, <paramref name="environment"/> applied (null removes), bounded wait.</summary>
    static (int Code, string Output) Exec(Dictionary<string, string?> environment, TimeSpan limit, params string[] command)
    {
        var (code, output, timedOut) = CliProcess.Exec(new Dictionary<string, string?>(environment) { ["PATH"] = Path }, limit, command);
        return timedOut ? (124, $"{string.Join(' ', command)} ran past {limit}\n{output}") : (code, output);
    }
}
