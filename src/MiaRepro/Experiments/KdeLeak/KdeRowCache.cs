using MiaRepro.IO;
using System.Text.Json;
using MiaRepro.Training;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// The KDE attack's rows and densities for one target, stored beside the model cache (&lt;cache&gt;/kde-rows/&lt;key&gt;.json)
/// under the key (<see cref="JobKey"/>) of the target's model key, the attack's settings and <see cref="CodeVersion"/>: every kde-leak claim on
/// the same targets runs the attack once (at the paper profile it takes minutes per target). Written atomically; an entry
/// that does not parse, or of another <see cref="Format"/>, is recomputed (and overwritten), never read into rows of another shape.
/// </summary>
public sealed class KdeRowCache(string modelCacheRoot)
{
    /// <summary>Bump when the attack's or the rows' semantics change. v2: keyed by <see cref="JobKey"/> (v1 entries no longer match).</summary>
    public const string CodeVersion = "kde-rows-v2";

    /// <summary>The shape of an entry's rows; bump when it changes. 1 (absent from older entries): typed fields per
    /// metric; 2: metrics by name (<see cref="KdeEvaluation.Metrics"/>, <see cref="KdeLeakRow.Metrics"/>). Outside the key,
    /// so a new shape overwrites the old entry in place.</summary>
    public const int Format = 2;

    sealed record Entry(List<KdeLeakRow> Rows, List<KdeDensityCurve> Densities, int Format = 1);

    public (IReadOnlyList<KdeLeakRow> Rows, IReadOnlyList<KdeDensityCurve> Densities, bool FromCache) GetOrRun(string modelKey, KdeLeakSpec attack,
        Func<(IReadOnlyList<KdeLeakRow>, IReadOnlyList<KdeDensityCurve>)> run)
    {
        if (modelKey.Length == 0) { var (r, d) = run(); return (r, d, false); }
        var path = Path.Combine(modelCacheRoot, "kde-rows", JobKey.Of(new { version = CodeVersion, modelKey, attack }) + ".json");
        if (File.Exists(path))
        {
            try
            {
                var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), JsonFormat.Indented);
                if (entry is not null && entry.Format == Format) return (entry.Rows, entry.Densities, true);
            }
            catch (JsonException) { /* recomputed below */ }
        }
        var (rows, densities) = run();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Entry(rows.ToList(), densities.ToList(), Format), JsonFormat.Indented));
        return (rows, densities, false);
    }
}
