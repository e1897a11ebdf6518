using System.Text.Json;
using System.Text.RegularExpressions;
using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>
/// `miarepro run` on a claim whose dataset the data root lacks: the real CLI, a tiny claim on UCI Adult written here, and
/// a loopback server standing in for the official source (--mirror) with ../shared/data's Adult files, checked against
/// the catalog's pinned sha256. Online the run fetches, checks and then runs the claim; offline it fetches nothing and
/// reports the claim not run, as before; wrong bytes stop it with nothing written.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class RunFetchesMissingDatasetTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    static string Claim() => JsonSerializer.Serialize(new
    {
        paper = "fetch", claim = "adult-tiny", testName = "Fetch_AdultTiny", title = "a tiny claim on Adult", kind = "l2-sweep", source = "this test",
        dataset = "adult", splitSeed = 0, split = new { members = new { from = "train", size = 200 }, nonMembers = new { from = "test", size = 200 } },
        model = new { type = "Mlp", hidden = new[] { 5 }, activation = "sigmoid" }, training = new { optimizer = "adam", batchSize = 50, epochs = 1 },
        seeds = new[] { 0 }, lambdas = new[] { 0 }, asserted = false, checkWhy = "measured only", profiles = new { smoke = new { } },
    });

    static TempFolder Repository()
    {
        var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["root/experiments/fetch"]);
        File.WriteAllText(t["root/MiaRepro.sln"], "");
        File.WriteAllText(t["root/experiments/fetch/adult-tiny.json"], Claim());
        return t;
    }

    static (int ExitCode, string Output) Run(TempFolder t, LoopbackFileServer server, string? offline, params string[] extra) =>
        CliProcess.Run(new Dictionary<string, string?> { ["MIAREPRO_OFFLINE"] = offline, ["MIAREPRO_MIRROR"] = null }, Limit,
        [
            "run", "fetch/adult-tiny", "--root", t["root"], "--data", t["data"], "--cache", t["cache"], "--results", t["results"],
            "--profile", "smoke", "--mirror", server.BaseUrl, .. extra,
        ]);

    /// <summary>The CLI wraps long lines at the console width; compare with all whitespace removed.</summary>
    static string Squash(string s) => Regex.Replace(s, @"\s+", "");

    [Test]
    public void Run_MissingDatasetOnline_FetchesChecksThenRunsTheClaim()
    {
        using var t = Repository();
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot);

        var (exit, output) = Run(t, server, offline: null);

        Assert.That(exit, Is.Zero, output);
        Assert.That(Squash(output), Does.Contain(Squash($"adult is not in {t["data"]}: fetching it from {server.BaseUrl} (sha256 checked)")));
        Assert.That(server.Requests, Is.EqualTo(2), "adult.data and adult.test, once each");
        Assert.That(Adult.Load(t["data"]).Train.Count, Is.EqualTo(32561), "present and matching the pinned sha256");
        Assert.That(File.Exists(t["results/smoke/fetch/adult-tiny/run.json"]), Is.True, "then the claim ran");
    }

    [TestCase("1")]
    [TestCase(null, "--offline")]
    public void Run_MissingDatasetOffline_ReportsNotRunAsBeforeAndFetchesNothing(string? environment, params string[] flag)
    {
        using var t = Repository();
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot);

        var (exit, output) = Run(t, server, environment, flag);

        Assert.That(exit, Is.EqualTo(5), output);
        Assert.That(Squash(output), Does.Contain(Squash($"adult-tiny: not run: {DatasetFiles.Absent("adult", t["data"])}")));
        Assert.That(server.Requests, Is.Zero);
        Assert.That(Directory.Exists(t["data/adult"]), Is.False);
    }

    [Test]
    public void Run_ServerSendsWrongBytes_StopsWithSha256ErrorAndLeavesNothing()
    {
        using var t = Repository();
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot)
        {
            Tamper = (path, bytes) => { if (path.EndsWith("adult.test", StringComparison.Ordinal)) bytes[100] ^= 1; return bytes; },
        };

        var (exit, output) = Run(t, server, offline: null);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(Squash(output), Does.Contain(Squash($"error: adult: the 'adult.test' fetched from {server.BaseUrl}/adult/adult.test has sha256"))
            .And.Contain(Squash($"Nothing was written to '{t["data/adult"]}'")).And.Contain("--offline(MIAREPRO_OFFLINE=1)"));
        Assert.That(Directory.Exists(t["data/adult"]), Is.False, "nothing at the expected path");
        Assert.That(Directory.GetFileSystemEntries(t["data"]), Is.Empty, "no staging folder left behind");
        Assert.That(Directory.Exists(t["results/smoke/fetch/adult-tiny"]), Is.False, "the claim did not run");
    }

    [Test]
    public void Run_OfflineVariableNotABoolean_StopsNamingIt()
    {
        using var t = Repository();
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot);

        var (exit, output) = Run(t, server, offline: "yes");

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(Squash(output), Does.Contain(Squash("MIAREPRO_OFFLINE (key Offline, --offline) must be true or false (1 or 0), not 'yes'")));
        Assert.That(server.Requests, Is.Zero);
    }
}
