using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Measurements;
using MiaRepro.IO;

namespace MiaRepro.Report;

/// <summary>
/// Probes join their claim: a probe (results/&lt;profile&gt;/&lt;paper&gt;/&lt;claim&gt;-probes/&lt;probe&gt;/) that ran the
/// claim's own settings for other seeds — its overrides only pick seeds, variants or a subset of the λ's — adds its rows
/// to the claim's table when the claim is judged, so the verdict rule sees every seed of the same jobs. A row the claim
/// already has (same variant, seed, target, attack, defense and metric) is kept as the claim measured it. Probes with any
/// other override (more shadows, another model) are judged on their own only.
/// </summary>
public static class ProbePool
{
    static readonly string[] SettingsKept = ["seeds", "variants", "check:kind"];

    /// <summary>The claim's rows and those of every poolable probe beside it, with the probes' folder names.</summary>
    public static (IReadOnlyList<Measurement> Rows, IReadOnlyList<string> Probes) With(string claimDirectory, IReadOnlyList<Measurement> rows, ExperimentSpec spec)
    {
        var probes = claimDirectory + "-probes";
        if (!Directory.Exists(probes)) return (rows, []);
        var pooled = rows.ToList();
        var seen = rows.Select(Key).ToHashSet();
        var joined = new List<string>();
        foreach (var dir in Directory.GetDirectories(probes).Order(StringComparer.Ordinal))
        {
            var (table, run) = (Path.Combine(dir, MeasurementTable.FileName), Path.Combine(dir, "run.json"));
            if (!File.Exists(table) || !File.Exists(run) || !SameSettings(JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(run), JsonFormat.Indented), spec)) continue;
            var added = MeasurementTable.Read(table).Rows.Where(m => seen.Add(Key(m))).ToList();
            if (added.Count == 0) continue;
            pooled.AddRange(added);
            joined.Add(Path.GetFileName(dir));
        }
        return (pooled, joined);
    }

    static string Key(Measurement m) => string.Join('\u0001', m.Variant, m.Seed, m.Target, m.Attack, m.Defense, m.Facets, m.Metric);

    static bool SameSettings(RunInfo? run, ExperimentSpec spec) =>
        run is not null && run.Profile == spec.Profile && run.Overrides.All(o => SettingsKept.Contains(o.Key) || (o.Key == "lambdas" && SubsetOf(o.Value, spec.Lambdas)));

    static bool SubsetOf(string json, double[] lambdas)
    {
        try { return JsonSerializer.Deserialize<double[]>(json) is { } l && l.All(lambdas.Contains); }
        catch (JsonException) { return false; }
    }
}
