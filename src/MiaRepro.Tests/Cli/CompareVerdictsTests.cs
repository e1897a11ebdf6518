using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace MiaRepro.Tests.Cli;

/// <summary>
/// tools/ci/compare-verdicts.sh, which fails the nightly GPU run when a claim's verdict changes against the committed
/// results: run on two copies of the committed results/paper — the same (exit 0), one claim's verdict changed or one
/// claim missing (exit 1, naming it), a folder that is not a profile folder (exit 2).
/// </summary>
[TestFixture]
public sealed class CompareVerdictsTests
{
    static string Committed => Path.Combine(TestEnvironment.Settings.Root, "results", "paper");
    const string Claim = "bindila2021/l2-closes-gap";

    [Test]
    public void SameResults_ExitZero()
    {
        using var t = TestEnvironment.Temp();
        Copy(Committed, t["fresh"]);
        var (code, output) = Compare(Committed, t["fresh"]);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain(" 0 changed"));
    }

    [Test]
    public void OneVerdictChanged_ExitOneNamingTheClaim()
    {
        using var t = TestEnvironment.Temp();
        Copy(Committed, t["fresh"]);
        var file = Path.Combine(t["fresh"], Claim, "metrics.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        var was = json["outcome"]!["verdict"]!.GetValue<string>();
        json["outcome"]!["verdict"] = was == "deviates" ? "holds" : "deviates";
        File.WriteAllText(file, json.ToJsonString());
        var (code, output) = Compare(Committed, t["fresh"]);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"CHANGED {Claim}: committed '{was}'").And.Contain($"1 changed: {Claim}"));
    }

    [Test]
    public void ClaimMissingFromTheFreshRun_ExitOne()
    {
        using var t = TestEnvironment.Temp();
        Copy(Committed, t["fresh"]);
        Directory.Delete(Path.Combine(t["fresh"], Claim), recursive: true);
        var (code, output) = Compare(Committed, t["fresh"]);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"CHANGED {Claim}").And.Contain("no fresh result"));
    }

    [Test]
    public void NotAProfileFolder_ExitTwoWithTheFix()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["empty"]);
        var (code, output) = Compare(t["empty"], Committed);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("give the profile folder"));
    }

    /// <summary>Only metrics.json files: all the script reads, and a small copy.</summary>
    static void Copy(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "metrics.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    static (int Code, string Output) Compare(string committed, string fresh)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(TestEnvironment.Settings.Root, "tools", "ci", "compare-verdicts.sh"), committed, fresh })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) { process.Kill(); Assert.Fail("compare-verdicts.sh ran past a minute"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
