using System.Text.Json;
using MiaRepro.Experiments.Sharding;
using MiaRepro.Training.Sharding;
using NUnit.Framework;

namespace MiaRepro.Tests.Cli;

/// <summary>
/// `run --shard i/n` and `merge` as real processes: three shards of the smoke L2 sweep made tiny (500 members, 2 epochs, one seed: 8 LeNet-5s)
/// run side by side into one store, beside a single-process run of the same claim and overrides into another; the merge
/// writes a measurements.csv byte-identical to the single run's. On the way, a merge with a shard missing and one with
/// other settings are refused and write nothing.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class ShardProcessTests
{
    internal const string Claim = "bindila2021/l2-closes-gap";
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    static readonly Dictionary<string, string?> Environment = new() { ["MIAREPRO_VARIANTS"] = null };

    /// <summary>The tiny settings (also SlurmTests'): 500 members, 2 epochs, one seed.</summary>
    internal static string[] Args(string cache, string results, params string[] more) =>
    [
        .. more, "--profile", "smoke", "--cache", cache, "--results", results, "--data", TestEnvironment.DataRoot,
        "--root", TestEnvironment.Settings.Root, "--threads", "1", "--Override:training:epochs=2", "--Override:seeds=[0]",
        "--Override:split:members:size=500", "--Override:split:nonMembers:size=500",
    ];

    [Test]
    public void ThreeShardsThenMerge_MeasurementsIdenticalToOneProcess()
    {
        using var t = TestEnvironment.Temp();
        var runs = new[] { "1/3", "2/3", "3/3" }.Select(s => Task.Run(() => CliProcess.Run(Environment, Limit, Args(t["store"], t["unused"], "run", Claim, "--shard", s))))
            .Append(Task.Run(() => CliProcess.Run(Environment, Limit, Args(t["single-store"], t["single"], "run", Claim)))).ToArray();
        Task.WaitAll(runs);
        for (var i = 0; i < 3; i++)
            Assert.That(runs[i].Result.ExitCode, Is.Zero, runs[i].Result.Output);
        Assert.That(runs[3].Result.ExitCode, Is.AnyOf(0, 3), runs[3].Result.Output);   // 3: a check failed at 2 epochs — a verdict
        Assert.That(Directory.Exists(t["unused"]), Is.False, "a shard writes no results");
        var manifests = ShardManifest.ReadAll(t["store"], "smoke", Claim).Select(m => m.Manifest).ToList();
        var owned = manifests.SelectMany(m => m.Owned.Select(j => j.Key)).ToList();
        Assert.That(owned, Has.Count.EqualTo(8).And.Unique, "8 models, each trained by one shard");

        // A missing shard: refused, nothing written.
        var folder = ShardManifest.Folder(t["store"], "smoke", Claim);
        var third = Path.Combine(folder, ShardManifest.FileName(3, 3));
        File.Move(third, third + ".aside");
        var (code, output) = CliProcess.Run(Environment, Limit, Args(t["store"], t["merged"], "merge", Claim));
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("shard 3/3 has not finished"));
        File.Move(third + ".aside", third);
        // Other settings than the shards ran (4 epochs): refused, nothing written.
        (code, output) = CliProcess.Run(Environment, Limit, [.. Args(t["store"], t["merged"], "merge", Claim), "--Override:training:epochs=4"]);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("ran settings"));
        Assert.That(Directory.Exists(t["merged"]), Is.False, "a refused merge writes nothing");

        (code, output) = CliProcess.Run(Environment, Limit, Args(t["store"], t["merged"], "merge", Claim));
        Assert.That(code, Is.AnyOf(0, 3), output);
        var (merged, single) = (Measurements(t["merged"]), Measurements(t["single"]));
        Assert.That(File.ReadAllBytes(merged), Is.EqualTo(File.ReadAllBytes(single)), $"{merged} differs from {single}");
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(merged)!, "run.json")));
        Assert.That((run.RootElement.GetProperty("modelsFromCache").GetInt32(), run.RootElement.GetProperty("modelsTrained").GetInt32()), Is.EqualTo((8, 0)),
            "the merge trained nothing");
    }

    [TestCase("3/2"), TestCase("0/0"), TestCase("x")]
    public void Run_BadShard_ExitsWithAnErrorNamingTheFlag(string shard)
    {
        using var t = TestEnvironment.Temp();
        var (code, output) = CliProcess.Run(Environment, Limit, Args(t["store"], t["results"], "run", Claim, "--shard", shard));
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"--shard {shard}").Or.Contain($"--shard '{shard}'"));
        Assert.That(Directory.Exists(t["store"]), Is.False, "nothing trained");
    }

    /// <summary>The one measurements.csv a results folder holds (a probe's claim folder, or its shared run's).</summary>
    internal static string Measurements(string results)
    {
        var files = Directory.GetFiles(results, "measurements.csv", SearchOption.AllDirectories);
        Assert.That(files, Has.Length.EqualTo(1), results);
        return files[0];
    }
}
