using System.Text.Json;
using MiaRepro.Checks;
using MiaRepro.Experiments;
using MiaRepro.IO;
using Microsoft.Extensions.Configuration;

namespace MiaRepro.Report;

/// <summary>
/// A claim's committed result folder (metrics.json, run.json, and the run it read: measurements.csv in its run folder,
/// <see cref="RunFolders"/>) and its check evaluated again, today, on that measurement table: the claim file is loaded at the run's profile with the overrides and variant filter its
/// run.json recorded, so a probe is judged as it ran.
/// </summary>
public sealed record StoredResult(string Directory, ExperimentSpec Spec, IReadOnlyList<CheckLine> CommittedLines, string CommittedVerdict, ClaimOutcome Rechecked)
{
    /// <summary>The probes whose seeds joined this claim's table (<see cref="ProbePool"/>).</summary>
    public IReadOnlyList<string> PooledProbes { get; init; } = [];

    /// <summary>The result's own measurement table (its probes' rows not joined).</summary>
    public IReadOnlyList<MiaRepro.Measurements.Measurement> Measurements { get; init; } = [];

    /// <summary>Every result folder under <paramref name="results"/> (interrupted writes' strays skipped), in path order.</summary>
    public static IReadOnlyList<string> Discover(string results) =>
        System.IO.Directory.EnumerateFiles(results, "metrics.json", SearchOption.AllDirectories)
            .Where(f => !AtomicFile.IsStray(f) && File.Exists(Path.Combine(Path.GetDirectoryName(f)!, "run.json")))
            .Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal).ToList();

    public static StoredResult Recheck(string experiments, string directory)
    {
        using var metricsDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "metrics.json")));
        var metrics = metricsDoc.RootElement;
        var run = JsonSerializer.Deserialize<RunInfo>(File.ReadAllText(Path.Combine(directory, "run.json")), JsonFormat.Indented)
                  ?? throw new ExperimentException($"{directory}/run.json is empty.");
        var paper = metrics.GetProperty("paper").GetString()!;
        var claim = metrics.GetProperty("claim").GetString()!;
        var path = Path.Combine(experiments, paper, claim + ".json");
        if (!File.Exists(path))
            throw new ExperimentException($"{directory}: its claim file {path} no longer exists; delete the result or restore the claim.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(run.Overrides)).Build();
        var variants = ExperimentLoader.Load(path, run.Profile, configuration);
        var outcome = metrics.GetProperty("outcome");
        var committed = outcome.GetProperty("lines").Deserialize<List<CheckLine>>(JsonFormat.Indented) ?? [];
        // The stored stage: the measurement table the run wrote, judged by the same check language as a fresh run.
        var table = Path.Combine(RunFolders.Of(directory), MiaRepro.Measurements.MeasurementTable.FileName);
        if (!File.Exists(table))
            throw new ExperimentException($"{directory} has no {MiaRepro.Measurements.MeasurementTable.FileName}, the table its checks read and the run wrote: rerun the claim (`miarepro run {variants[0].Paper}/{variants[0].Claim} --profile {run.Profile}`).");
        var own = MiaRepro.Measurements.MeasurementTable.Read(table).Rows;
        var (rows, probes) = ProbePool.With(directory, own, variants[0]);
        var rechecked = variants[0].Judge(rows);
        return new(directory, variants[0], committed, outcome.GetProperty("verdict").GetString() ?? "", rechecked) { PooledProbes = probes, Measurements = own };
    }

    /// <summary>run.json's overrides back as configuration: "variants" is the variant filter unless it is a JSON
    /// value (an override of the key itself).</summary>
    /// An override of the former check block ("check:kind": "none", how two ds15000 probes ran) is dropped: a probe is
    /// judged by its claim's checks, never with them switched off.
    static Dictionary<string, string?> Configuration(IReadOnlyDictionary<string, string> overrides) =>
        overrides.Where(kv => !kv.Key.StartsWith("check:", StringComparison.Ordinal)).ToDictionary(
            kv => kv.Key == "variants" && !kv.Value.TrimStart().StartsWith('[') && !kv.Value.TrimStart().StartsWith('{') ? "VARIANTS" : $"Override:{kv.Key}",
            kv => (string?)kv.Value);
}
