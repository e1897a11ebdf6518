using MiaRepro.IO;
using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.ShadowAttack;
using MiaRepro.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro bench shadows`: wall time to train one shadow model of every shadow-attack experiment at its paper profile
/// (its model, optimizer, batch size and shadow size, on real data), measured over one epoch with the real
/// <see cref="Trainer"/> (per-epoch accuracy passes included, as in a run) and projected to the shadow's epochs and to
/// the experiment's shadow count; an experiment whose dataset is not installed is named and skipped. A benchmark, not a
/// test: numbers go to results/bench/shadow-training.json.
/// </summary>
internal static class BenchShadows
{
    public static int Run(MiaReproSettings settings)
    {
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        torch.set_num_threads(threads);
        var rows = new List<object>();
        var seen = new HashSet<string>();
        foreach (var path in ExperimentLoader.Discover(settings.Experiments))
        {
            var spec = ExperimentLoader.Load(path, "paper", settings.Configuration)[0];
            if (spec.Kind != "shadow-attack") continue;
            var epochs = spec.Shadows.Epochs > 0 ? spec.Shadows.Epochs : spec.Training.Epochs;
            var key = $"{spec.Dataset}|{ShadowAttackJobs.Model(spec)}|{spec.Shadows.Size}|{spec.Training.BatchSize}|{spec.Training.Optimizer}";
            if (!seen.Add(key)) continue;   // the same shadow model in several claims: timed once
            if (DatasetFiles.Absent(spec.Dataset, settings.Data) is { } absent)
            {
                // As `run`: a claim on a dataset not installed is reported, not timed, and the others still are.
                AnsiConsole.MarkupLineInterpolated($"{spec.Paper}/{spec.Claim}: [yellow]not timed[/]: {absent}");
                continue;
            }

            var dataset = DatasetLoader.Load(spec.Dataset, settings.Data);
            var n = Math.Min(spec.Shadows.Size, (int)dataset.Train.Count);
            var members = dataset.Train.Select(Enumerable.Range(0, n).Select(i => (long)i).ToArray());
            var probe = dataset.Test.Select(Enumerable.Range(0, Math.Min(1000, (int)dataset.Test.Count)).Select(i => (long)i).ToArray());
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xProbe = spec.Training.Preprocessing.Apply(probe.Features);
            var training = spec.Training.Clone();
            training.Epochs = 1;
            manual_seed(0);
            using var model = ShadowAttackJobs.Model(spec).Build(x.shape[1..], members.Classes);
            var clock = Stopwatch.StartNew();
            new Trainer(training, CPU).Train(model, members with { Features = x }, probe with { Features = xProbe }, 0);
            var secondsPerEpoch = clock.Elapsed.TotalSeconds;
            var perModel = secondsPerEpoch * epochs;
            rows.Add(new
            {
                experiment = $"{spec.Paper}/{spec.Claim}", model = ShadowAttackJobs.Model(spec).ToString(), spec.Dataset, shadowSize = n, spec.Training.BatchSize,
                spec.Training.Optimizer, epochs, shadows = spec.Shadows.Count, secondsPerEpoch = Math.Round(secondsPerEpoch, 2),
                secondsPerModel = Math.Round(perModel, 1), minutesPerRun = Math.Round(perModel * spec.Shadows.Count / 60, 1),
            });
            AnsiConsole.MarkupLineInterpolated(
                $"{spec.Paper}/{spec.Claim}: {ShadowAttackJobs.Model(spec)} on {n} × {spec.Dataset}, batch {spec.Training.BatchSize}: {secondsPerEpoch:F2} s/epoch → {perModel:F0} s per shadow ({epochs} epochs), {perModel * spec.Shadows.Count / 60:F1} min for {spec.Shadows.Count} shadows");
        }
        var result = new
        {
            benchmark = "one shadow model per shadow-attack experiment (paper profile), one epoch timed with the real Trainer on real data, projected to the shadow's epochs and count; CPU",
            threads, rows, run = RunInfo.Capture(settings, "cpu", [0], TimeSpan.Zero, 0, 0),
        };
        var file = Path.Combine(settings.Results, "bench", "shadow-training.json");
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(result, JsonFormat.Indented));
        AnsiConsole.MarkupLineInterpolated($"→ {file}");
        return 0;
    }
}
