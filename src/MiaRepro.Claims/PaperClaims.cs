using MiaRepro.Experiments;
using MiaRepro.Runtime;
using NUnit.Framework;
using Snapshooter;
using Snapshooter.NUnit;

namespace MiaRepro.Claims;

/// <summary>
/// One test per paper claim: every experiments/&lt;paper&gt;/&lt;claim&gt;.json becomes a test named by its testName,
/// in categories "Claim" and the paper id. Profile: NUnit parameter "profile" (dotnet test -- TestRunParameters.Parameter(name="profile", value="paper")),
/// else MIAREPRO_PROFILE, else smoke.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class PaperClaims
{
    static MiaReproSettings Settings()
    {
        var profile = TestContext.Parameters.Get("profile");
        return MiaReproSettings.Load(profile is null ? [] : ["--profile", profile]);
    }

    public static IEnumerable<TestCaseData> Claims()
    {
        var settings = Settings();
        foreach (var path in ExperimentLoader.Discover(settings.Experiments))
        {
            var spec = ExperimentLoader.Load(path, settings.Profile, settings.Configuration)[0];
            yield return new TestCaseData(path).SetName(spec.TestName).SetCategory("Claim").SetCategory(spec.Paper)
                .SetDescription(spec.Title);
        }
    }

    [OneTimeSetUp]
    public void LoadTorch() => TorchRuntime.EnsureInitialized();

    [TestCaseSource(nameof(Claims))]
    public void Claim(string experiment)
    {
        var settings = Settings();
        // CI's time budget: a claim this profile only measures (asserts nothing) is skipped up front when asked;
        // `miarepro run <claim>` still measures it and its committed results stay.
        var spec = ExperimentLoader.Load(experiment, settings.Profile, settings.Configuration)[0];
        // A dataset that is not installed (CIFAR-100, Purchase-100, Texas-100 here): not run, with why and how to get it —
        // never a pass, never a failure of the machine's tests.
        if (Data.DatasetFiles.Absent(spec.Dataset, settings.Data) is { } absent)
            Assert.Ignore($"not run: {absent}");
        if (!spec.Asserted && Environment.GetEnvironmentVariable("MIAREPRO_SKIP_MEASURED") == "1")
            Assert.Ignore($"Measured only at profile {settings.Profile} ({spec.CheckWhy}); not run in CI (MIAREPRO_SKIP_MEASURED=1). Run it: miarepro run <claim>.");
        var result = new ClaimRunner(settings) { Log = TestContext.Progress.WriteLine }.Run(experiment);
        foreach (var plot in result.Plots) TestContext.AddTestAttachment(plot);
        TestContext.AddTestAttachment(Path.Combine(result.Directory, "metrics.json"));
        foreach (var line in result.Outcome.Lines)
            TestContext.Out.WriteLine($"{line.Variant} | {line.What} | paper {line.Paper?.ToString("F2") ?? "-"} | measured {line.Measured?.ToString("F2") ?? "-"} | {line.Verdict} | {line.Detail}");

        // The snapshot pins what every machine reproduces (split, models, each check's verdict; see ClaimDigest): CI runs
        // on whatever x86 CPU it gets, and trained numbers differ in whole points between CPUs' kernels.
        if (settings.Profile == "smoke" && result.Run.Device == "cpu")
            Snapshot.Match(result.Digest,
                new SnapshotFullName($"Claim_{result.Spec.TestName}_{settings.Profile}.snap", Path.Combine(settings.Root, "snapshots")));

        if (!result.Outcome.Asserted)
            Assert.Ignore($"{result.Outcome.Why} Measured values: {result.Directory}/metrics.json");
        Assert.That(result.Outcome.Passed, Is.True,
            $"{result.Spec.Title}: {result.Outcome.Verdict}\n" + string.Join("\n", result.Outcome.Lines.Where(l => !l.Passed).Select(l => $"  {l.Variant} {l.What}: {l.Detail}")));
    }
}
