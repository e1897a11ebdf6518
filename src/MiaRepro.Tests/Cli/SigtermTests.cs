using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using NUnit.Framework;

namespace MiaRepro.Tests.Cli;

/// <summary>
/// Preemption (what Slurm does before it kills or requeues a job): SIGTERM to a running `miarepro run` stops it after
/// the current epoch with a message and exit code 143, the models finished before it stay in the store, and the rerun
/// trains only the missing ones. Real processes and real training: the smoke L2 sweep at 2 epochs and one seed (8 LeNet-5s,
/// seconds each), so SIGTERM lands with some models done and some not.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class SigtermTests
{
    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    const int Sigterm = 15;

    [Test]
    public void Run_Sigterm_StopsWith143AndTheRerunTrainsOnlyWhatIsMissing()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("not run: SIGTERM is sent with libc kill, Linux only");
        using var t = TestEnvironment.Temp();
        string[] args = ["run", "bindila2021/l2-closes-gap", "--profile", "smoke", "--cache", t["cache"], "--results", t["results"],
            "--data", TestEnvironment.DataRoot, "--root", TestEnvironment.Settings.Root, "--threads", "1", "--Override:training:epochs=2", "--Override:seeds=[0]"];

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliProcess.Dll());
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (Models(t["cache"]) == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5)) Thread.Sleep(50);
        Assume.That(process.HasExited, Is.False, "the run ended before a model was stored: nothing to interrupt");
        Assert.That(kill(process.Id, Sigterm), Is.Zero, "kill(SIGTERM) failed");
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(3)), Is.True, "SIGTERM did not stop the run");
        var output = stdout.Result + stderr.Result;
        var kept = Models(t["cache"]);
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(143), output);
            Assert.That(output, Does.Contain("SIGTERM: stopping after the current epoch"));
            Assert.That(kept, Is.InRange(1, 7), "some models finished, not all");
            Assert.That(Directory.Exists(Path.Combine(t["results"], "smoke", "bindila2021", "l2-closes-gap")), Is.False, "no result written by the stopped run");
        });

        var (code, rerun) = CliProcess.Run(new Dictionary<string, string?>(), TimeSpan.FromMinutes(10), args);
        Assert.That(code, Is.AnyOf(0, 3), rerun);   // 3: a check failed at 2 epochs — a verdict, not an error
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(t["results"], "smoke", "bindila2021", "l2-closes-gap", "run.json")));
        var (fromCache, trained) = (run.RootElement.GetProperty("modelsFromCache").GetInt32(), run.RootElement.GetProperty("modelsTrained").GetInt32());
        Assert.That((fromCache, trained), Is.EqualTo((kept, 8 - kept)), "the rerun reuses every stored model and trains the rest");
    }

    /// <summary>Models the store holds: entry folders (each swapped in whole), not a staging folder being filled.</summary>
    static int Models(string cache) =>
        Directory.Exists(cache) ? Directory.GetDirectories(cache).Count(d => !MiaRepro.IO.AtomicFile.IsStray(d) && File.Exists(Path.Combine(d, "entry.json"))) : 0;
}
