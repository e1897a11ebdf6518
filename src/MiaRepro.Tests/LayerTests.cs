using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MiaRepro.Tests;

/// <summary>
/// Data flows one way — data → models → training → outputs → signals → attacks → metrics → measurements → checks →
/// experiments (the claim kinds) → planning (what a run of them costs) → report — with plots drawing series: each folder of src/MiaRepro names only the layers
/// below it, by a using or a qualified name, so no arrow points back up.
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
        ["Privacy"] = [],
        ["Data"] = ["Runtime", "IO"],
        ["Models"] = ["Data"],
        ["Training"] = ["Runtime", "IO", "Data", "Models", "Privacy"],
        ["Outputs"] = ["Runtime", "IO", "Data", "Models", "Training"],
        ["Metrics"] = ["Density"],
        ["Attacks"] = ["Runtime", "Data", "Models", "Outputs", "Density", "Signals", "Defenses", "Metrics"],
        ["Plots"] = ["IO", "Metrics"],
        ["Measurements"] = ["Runtime", "IO", "Density", "Signals", "Defenses", "Data", "Models", "Outputs", "Metrics", "Attacks", "Training", "Privacy"],
        ["Checks"] = ["Measurements", "Metrics"],
        ["Scoring"] = ["Runtime", "IO", "Density", "Signals", "Defenses", "Data", "Models", "Outputs", "Metrics", "Attacks", "Plots", "Measurements"],
        ["Experiments"] = ["Runtime", "IO", "Density", "Signals", "Defenses", "Data", "Models", "Training", "Outputs", "Metrics", "Attacks", "Plots", "Measurements", "Checks", "Scoring", "Privacy"],
        ["Planning"] = ["Data", "Models", "Training", "Experiments"],
    };

    public static IEnumerable<TestCaseData> Layers() => Allowed.Keys.Select(k => new TestCaseData(k).SetName($"Layer_{k}_NamesOnlyLayersBelow"));

    [TestCaseSource(nameof(Layers))]
    public void Layer_NamesOnlyLayersBelow(string layer)
    {
        var root = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro");
        var forbidden = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d != layer && d is not ("bin" or "obj") && !Allowed[layer].Contains(d)).ToList();
        Assert.That(forbidden, Does.Contain("Report"), "the layer list is out of date");
        var reference = new Regex($@"(?<![\w.])(using\s+)?(MiaRepro\.)?({string.Join("|", forbidden)})(\.[A-Z]|;)");
        var files = Directory.GetFiles(Path.Combine(root, layer), "*.cs", SearchOption.AllDirectories);
        Assert.That(files, Is.Not.Empty);
        var offending = files.SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//") && reference.IsMatch(l))
            .Select(l => $"{Path.GetRelativePath(root, f)}: {l.Trim()}")).ToList();
        Assert.That(offending, Is.Empty, $"{layer} names a layer above it");
    }

    /// <summary>Inside Experiments: a claim kind never names another kind (what two share lives in a folder below them),
    /// and the shared folders name no kind. The root (settings, spec, runner, kind registry) may name them all.</summary>
    static readonly string[] Kinds = ["L2Sweep", "KdeLeak", "DefenseMatrix", "ShadowAttack", "Lira", "Score"];

    public static IEnumerable<TestCaseData> ExperimentFolders() =>
        Directory.GetDirectories(Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro", "Experiments")).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj")).Order(StringComparer.Ordinal).Select(d => new TestCaseData(d).SetName($"Experiments_{d}_NamesNoOtherKind"));

    [TestCaseSource(nameof(ExperimentFolders))]
    public void Experiments_FolderNamesNoOtherKind(string folder)
    {
        var root = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro", "Experiments");
        var forbidden = Kinds.Where(k => k != folder).ToList();
        var reference = new Regex($@"(?<![\w])(MiaRepro\.Experiments\.|\b)({string.Join("|", forbidden)})(\.[A-Z]|;)");
        var offending = Directory.GetFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//") && !l.TrimStart().StartsWith("///") && reference.IsMatch(l))
                .Select(l => $"{Path.GetRelativePath(root, f)}: {l.Trim()}")).ToList();
        Assert.That(offending, Is.Empty, $"{folder} names another claim kind");
    }

    /// <summary>Small files: no library file over 250 lines (split by concept, as the shadow-attack runner was).</summary>
    [Test]
    public void Library_NoFileOver250Lines()
    {
        var root = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro");
        var large = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(root, f), Lines: File.ReadLines(f).Count())).Where(f => f.Lines > 250)
            .Select(f => $"{f.File}: {f.Lines} lines").ToList();
        Assert.That(large, Is.Empty);
    }

    /// <summary>The kinds stay a thin layer: what two kinds share, or any run needs, moves down (issue 37 asks ≤ 25 %).</summary>
    [Test]
    public void Experiments_AtMostAQuarterOfTheLibrary()
    {
        var root = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro");
        int Lines(string dir) => Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Sum(f => File.ReadLines(f).Count());
        var share = (double)Lines(Path.Combine(root, "Experiments")) / Lines(root);
        Assert.That(share, Is.AtMost(0.25), $"Experiments/ holds {share:P1} of the library's lines");
    }
}
