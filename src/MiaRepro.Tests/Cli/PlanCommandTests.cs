using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MiaRepro.Tests.Cli;

/// <summary>`miarepro plan` through the real CLI: a plan's total, and errors that name the problem and the fix.</summary>
[TestFixture]
public sealed class PlanCommandTests
{
    /// <summary>Exit code and output with its line breaks as spaces (a log is 80 columns wide; lines wrap anywhere).</summary>
    static (int ExitCode, string Output) Plan(params string[] args)
    {
        var (code, output) = CliProcess.Run(new Dictionary<string, string?> { ["MIAREPRO_DATA"] = TestEnvironment.DataRoot },
            TimeSpan.FromMinutes(2), ["plan", .. args]);
        return (code, Regex.Replace(output, @"\s+", " "));
    }

    [Test]
    public void Plan_LLeaksSmokeOnItsStore_PrintsTheTotal()
    {
        var store = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Regression", "outputs", "li-lleaks-smoke");
        var (code, output) = Plan("li-lleaks/mnist-f1-by-construction", "--profile", "smoke", "--cache", store);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("7 models, 7 stored, 896 model-steps (0 to train)"));
        Assert.That(output, Does.Contain("train.json"));
    }

    [Test]
    public void Plan_UnknownClaim_SaysHowToListThem()
    {
        var (code, output) = Plan("no-such-claim", "--profile", "smoke");
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("No claim matches 'no-such-claim'").And.Contain("miarepro list"));
    }

    [Test]
    public void Plan_UnknownProfile_NamesTheProfiles()
    {
        var (code, output) = Plan("all", "--profile", "fast");
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Profile 'fast'").And.Contain("smoke, paper or paper-cpu"));
    }
}
