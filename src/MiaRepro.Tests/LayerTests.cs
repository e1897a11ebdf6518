using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MiaRepro.Tests;

/// <summary>
/// Data flows one way — data → models → training → outputs → signals → attacks → metrics → experiments (checks,
/// report) — with plots drawing series: each folder of src/MiaRepro names only the layers below it, by a using or a
/// qualified name, so no arrow points back up.
/// </summary>
[TestFixture]
public sealed class LayerTests
{
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Runtime"] = [],
        ["IO"] = [],
        ["Density"] = [],
        ["Signals"] = [],
        ["Defenses"] = [],
        ["Data"] = ["Runtime", "IO"],
        ["Models"] = ["Data"],
        ["Training"] = ["Runtime", "IO", "Data", "Models"],
        ["Outputs"] = ["Runtime", "IO", "Data", "Models", "Training"],
        ["Metrics"] = ["Density"],
        ["Attacks"] = ["Runtime", "Data", "Models", "Outputs", "Density", "Signals", "Defenses", "Metrics"],
        ["Plots"] = ["IO", "Metrics"],
    };

    public static IEnumerable<TestCaseData> Layers() => Allowed.Keys.Select(k => new TestCaseData(k).SetName($"Layer_{k}_NamesOnlyLayersBelow"));

    [TestCaseSource(nameof(Layers))]
    public void Layer_NamesOnlyLayersBelow(string layer)
    {
        var root = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro");
        var forbidden = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d != layer && d is not ("bin" or "obj") && !Allowed[layer].Contains(d)).ToList();
        Assert.That(forbidden, Does.Contain("Experiments"), "the layer list is out of date");
        var reference = new Regex($@"(?<![\w.])(using\s+)?(MiaRepro\.)?({string.Join("|", forbidden)})(\.[A-Z]|;)");
        var files = Directory.GetFiles(Path.Combine(root, layer), "*.cs", SearchOption.AllDirectories);
        Assert.That(files, Is.Not.Empty);
        var offending = files.SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//") && reference.IsMatch(l))
            .Select(l => $"{Path.GetRelativePath(root, f)}: {l.Trim()}")).ToList();
        Assert.That(offending, Is.Empty, $"{layer} names a layer above it");
    }
}
