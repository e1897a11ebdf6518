using MiaRepro.Training;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiaRepro.Checks;
using MiaRepro.Measurements;
using MiaRepro.IO;
using MiaRepro.Plots;
using MiaRepro.Runtime;

namespace MiaRepro.Experiments;

/// <summary>What a kind's run gets from the runner: settings, progress callbacks, the run's clock and commit, and the
/// one way a claim's results are written (its folder replaced atomically).</summary>
public sealed class ClaimContext(MiaReproSettings settings, Action<string>? log, Action<string, Training.EpochRecord>? onEpoch)
{
    public MiaReproSettings Settings { get; } = settings;
    public Action<string>? Log { get; } = log;
    public Action<string, Training.EpochRecord>? OnEpoch { get; } = onEpoch;

    readonly Stopwatch clock = Stopwatch.StartNew();
    // The code that runs, even if HEAD moves during a long run.
    readonly (string Sha, bool Dirty) commitAtStart = RunInfo.Head(settings.Root);

    // split.json and plot-data.json hold per-example arrays (50,000 indices, 5,000-point ROCs): one value per line made
    // a paper-profile plot-data.json 5.5 MB, so they are written compact; metrics.json and run.json stay readable.
    static readonly JsonSerializerOptions CompactJson = new(JsonFormat.Indented) { WriteIndented = false };

    /// <summary>Whether the run covers only some variants (a probe or a shard).</summary>
    public bool Partial => ExperimentLoader.VariantFilter(Settings.Configuration) is not null;

    /// <summary>A probe: some variants, or overridden settings (other seeds, epochs…). Its result is copied beside its claim
    /// as one folder (&lt;claim&gt;-probes/&lt;probe&gt;/), so it keeps its run there rather than in a shared run folder.</summary>
    bool Probe => Partial || ExperimentLoader.Overrides(Settings.Configuration).Count > 0;

    readonly Dictionary<string, Training.TrainingProvenance> models = new();

    /// <summary>Give to a runner's OnModel: every model the run uses, once per key, for run.json's model origins.</summary>
    public void Used(Training.TrainedModel model) => models[model.Key] = model.Provenance;

    /// <summary>run.json for the run; a run that used models but recorded where none of them came from is an error
    /// (its report would have to guess where they were trained).</summary>
    public RunInfo Info(ExperimentSpec spec, int trained, int cached) =>
        trained + cached > 0 && models.Count == 0
            ? throw new InvalidOperationException($"{spec.Paper}/{spec.Claim}: the run used {trained + cached} models but recorded no provenance for any: give the runner OnModel = context.Used.")
            : RunInfo.Capture(Settings, TorchRuntime.ResolveDevice(Settings.Device).ToString(), spec.Seeds, clock.Elapsed, trained, cached, commitAtStart)
            with { ModelOrigins = ModelOrigin.Of(models.Values), ScaleDowns = spec.ScaleDowns, Kind = spec.Kind, Settings = Variants is null ? null : RunSettings.Hash(Variants) };

    /// <summary>The claim's checks judged on the run's measurements (with the all-member control beside every attack that
    /// counted its evaluation set) — the table measurements.csv stores and a recheck reads — and metrics.json, the
    /// run's readable summary (<paramref name="body"/>) with the checks and their verdict.</summary>
    public static (JsonObject Metrics, ClaimOutcome Outcome, MeasurementTable Table) Judge(ExperimentSpec spec, object body, IEnumerable<Measurement> measurements)
    {
        var rows = measurements.ToList();
        var table = new MeasurementTable().AddRange(rows).AddRange(AllMemberAttack.Rows(rows));
        var metrics = JsonSerializer.SerializeToNode(body, JsonFormat.Indented)!.AsObject();
        var outcome = spec.Judge(table.Rows);
        metrics["checks"] = JsonSerializer.SerializeToNode(new { spec.Asserted, why = spec.CheckWhy, list = spec.Checks }, JsonFormat.Indented);
        metrics["outcome"] = JsonSerializer.SerializeToNode(new { outcome.Verdict, outcome.Passed, outcome.Lines }, JsonFormat.Indented);
        return (metrics, outcome, table);
    }

    /// <summary>The claim's variants as loaded (set by the runner): what its run trains and measures, so claims with
    /// the same settings share one run folder (<see cref="RunSettings"/>).</summary>
    public IReadOnlyList<ExperimentSpec>? Variants { get; init; }

    /// <summary>
    /// Writes the run and the claim, each folder replaced atomically. The run — measurements.csv, run.json, split.json,
    /// plot-data.json, the figures' PNGs and whatever <paramref name="extra"/> adds — goes to
    /// results/&lt;profile&gt;/&lt;paper&gt;/runs/&lt;kind&gt;-&lt;settings hash&gt;/, which every claim with the same
    /// settings shares; the claim's folder holds metrics.json (its summary, checks and verdict lines, naming the run it
    /// read) and run.json. Runs no claim names any more are removed. A probe (some variants, or overrides) keeps
    /// everything in its own folder. Returns the claim's folder, the run's, and split.json's text (the snapshot digest hashes it).
    /// </summary>
    public (string Dir, string RunDir, string SplitJson) Write(ExperimentSpec spec, JsonObject metrics, MeasurementTable measurements, RunInfo run, object split,
        IReadOnlyList<Figure> figures, IReadOnlyList<string> plotNames, Action<string>? extra = null)
    {
        var paperDir = Path.Combine(Settings.Results, Settings.Profile, spec.Paper);
        var dir = Path.Combine(paperDir, spec.Claim);
        var splitJson = JsonSerializer.Serialize(split, CompactJson);
        var shared = !Probe && Variants is not null;
        var runName = shared ? $"{spec.Kind}-{run.Settings![..8]}" : null;
        var runDir = runName is null ? dir : Path.Combine(paperDir, RunFolders.Runs, runName);
        if (runName is not null) metrics[RunFolders.Key] = runName;
        void Run(string staging)
        {
            measurements.Write(Path.Combine(staging, MeasurementTable.FileName));
            File.WriteAllText(Path.Combine(staging, "run.json"), JsonSerializer.Serialize(run, JsonFormat.Indented));
            File.WriteAllText(Path.Combine(staging, "split.json"), splitJson);
            File.WriteAllText(Path.Combine(staging, "plot-data.json"), JsonSerializer.Serialize(figures, CompactJson));
            for (var i = 0; i < figures.Count; i++) PlotWriter.SavePng(figures[i], Path.Combine(staging, plotNames[i]));
            extra?.Invoke(staging);
        }
        if (runName is not null) AtomicFile.ReplaceDirectory(runDir, Run);
        AtomicFile.ReplaceDirectory(dir, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "metrics.json"), JsonSerializer.Serialize(metrics, JsonFormat.Indented));
            if (runName is null) Run(staging);
            else File.WriteAllText(Path.Combine(staging, "run.json"), JsonSerializer.Serialize(run, JsonFormat.Indented));
        });
        if (runName is not null) RunFolders.RemoveUnnamed(paperDir);
        return (dir, runDir, splitJson);
    }
}
