using System.Text.Json;
using MiaRepro.IO;

using MiaRepro.Measurements;

namespace MiaRepro.Experiments;

/// <summary>measurements.csv beside a claim's metrics.json: written by the claim runner, and regenerated for stored
/// results without retraining.</summary>
public static class MeasurementFiles
{
    /// <summary>Writes <paramref name="folder"/>/measurements.csv from the metrics.json text; returns the row count.</summary>
    public static int WriteBeside(string folder, string metricsJson, IReadOnlyList<int> runSeeds)
    {
        using var doc = JsonDocument.Parse(metricsJson);
        var table = new MeasurementTable().AddRange(MeasurementExtractor.Extract(doc.RootElement, runSeeds));
        table.Write(Path.Combine(folder, MeasurementTable.FileName));
        return table.Rows.Count;
    }

    /// <summary>Every metrics.json under <paramref name="results"/> outside stray folders (interrupted runs).</summary>
    public static IEnumerable<string> MetricsFiles(string results) =>
        Directory.EnumerateFiles(results, "metrics.json", SearchOption.AllDirectories)
            .Where(p => !AtomicFile.IsStray(Path.GetRelativePath(results, p))).Order(StringComparer.Ordinal);

    /// <summary>The seeds run.json beside a metrics.json records (none if there is no run.json).</summary>
    public static IReadOnlyList<int> RunSeeds(string folder)
    {
        var run = Path.Combine(folder, "run.json");
        if (!File.Exists(run)) return [];
        using var doc = JsonDocument.Parse(File.ReadAllText(run));
        return doc.RootElement.TryGetProperty("seeds", out var s) ? s.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [];
    }

    /// <summary>Rewrites measurements.csv beside every stored metrics.json; returns (files, rows).</summary>
    public static (int Files, int Rows) Regenerate(string results, Action<string, int>? onFile = null)
    {
        var (files, rows) = (0, 0);
        foreach (var metrics in MetricsFiles(results))
        {
            var folder = Path.GetDirectoryName(metrics)!;
            int count;
            try { count = WriteBeside(folder, File.ReadAllText(metrics), RunSeeds(folder)); }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                throw new ExperimentException($"{metrics}: {e.Message}");
            }
            onFile?.Invoke(metrics, count);
            files++;
            rows += count;
        }
        return (files, rows);
    }
}
