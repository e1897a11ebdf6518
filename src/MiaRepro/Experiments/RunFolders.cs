using MiaRepro.IO;
using System.Text.Json;

namespace MiaRepro.Experiments;

/// <summary>
/// Where a claim's run lives: results/&lt;profile&gt;/&lt;paper&gt;/runs/&lt;name&gt;/, named by the claim's metrics.json
/// ("run"), shared by every claim with the same settings; a result written before runs were shared (or a probe) holds its
/// run in its own folder.
/// </summary>
public static class RunFolders
{
    public const string Runs = "runs";
    public const string Key = "run";

    /// <summary>The folder holding the run the claim in <paramref name="claimDir"/> read (its measurements, figures).</summary>
    public static string Of(string claimDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(claimDir, "metrics.json")));
        if (!doc.RootElement.TryGetProperty(Key, out var name) || name.ValueKind != JsonValueKind.String) return claimDir;
        var dir = Path.Combine(Path.GetDirectoryName(claimDir)!, Runs, name.GetString()!);
        return Directory.Exists(dir) ? dir
            : throw new ExperimentException($"{claimDir}: the run it read, {Runs}/{name.GetString()}, is missing; rerun the claim (`miarepro run <paper>/<claim>`).");
    }

    /// <summary>Removes the runs under <paramref name="paperDir"/> that no claim folder's metrics.json names.</summary>
    public static void RemoveUnnamed(string paperDir)
    {
        var runs = Path.Combine(paperDir, Runs);
        if (!Directory.Exists(runs)) return;
        var named = Directory.GetDirectories(paperDir).Where(d => Path.GetFileName(d) != Runs && !AtomicFile.IsStray(d))
            .Select(d => Path.Combine(d, "metrics.json")).Where(File.Exists)
            .Select(f => { using var doc = JsonDocument.Parse(File.ReadAllText(f)); return doc.RootElement.TryGetProperty(Key, out var n) ? n.GetString() : null; })
            .OfType<string>().ToHashSet();
        foreach (var run in Directory.GetDirectories(runs).Where(d => !AtomicFile.IsStray(d) && !named.Contains(Path.GetFileName(d))))
            Directory.Delete(run, recursive: true);
    }
}
