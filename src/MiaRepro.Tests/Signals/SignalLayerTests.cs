using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MiaRepro.Tests.Signals;

/// <summary>
/// Data flows outputs → signals → attacks → metrics → experiments: the Signals sources name none of the later stages
/// (nor Defenses, whose constants would be inlined and so invisible to a reflection check).
/// </summary>
[TestFixture]
public sealed class SignalLayerTests
{
    [Test]
    public void SignalsSources_ImportNoLaterStageNorDefenses()
    {
        var folder = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro", "Signals");
        var later = new Regex(@"\b(MiaRepro\.)?(Defenses|Attacks|Metrics|Experiments|Plots)\.[A-Z]");
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.That(files, Is.Not.Empty, folder);
        foreach (var file in files)
            Assert.That(File.ReadLines(file).Where(l => later.IsMatch(l)), Is.Empty, Path.GetFileName(file));
    }
}
