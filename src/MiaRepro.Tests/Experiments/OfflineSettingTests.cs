using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The Offline setting (--offline, MIAREPRO_OFFLINE, key Offline): a bare switch, booleans, and a clear error.</summary>
[TestFixture]
public sealed class OfflineSettingTests
{
    [Test]
    public void Load_BareOfflineSwitch_IsTrueAndLeavesTheNextOption()
    {
        Assert.That(MiaReproSettings.Load(["--offline"]).Offline, Is.True);
        var settings = MiaReproSettings.Load(["--offline", "--profile", "paper"]);
        Assert.That((settings.Offline, settings.Profile), Is.EqualTo((true, "paper")));
    }

    [TestCase("1", true)]
    [TestCase("0", false)]
    [TestCase("true", true)]
    [TestCase("False", false)]
    public void Load_OfflineValue_ParsesAsBoolean(string value, bool expected) =>
        Assert.That(MiaReproSettings.Load([$"--offline={value}"]).Offline, Is.EqualTo(expected));

    [TestCase("--offline=maybe")]
    [TestCase("--offline", "yes")]
    public void Load_OfflineNotABoolean_ErrorNamesMiareproOffline(params string[] args)
    {
        var e = Assert.Throws<ExperimentException>(() => MiaReproSettings.Load(args))!;
        Assert.That(e.Message, Does.Contain("MIAREPRO_OFFLINE").And.Contain(args[^1].Split('=')[^1]));
    }
}
