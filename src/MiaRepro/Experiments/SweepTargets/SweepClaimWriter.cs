using System.Text.Json;
using MiaRepro.Data;
using MiaRepro.Plots;
using MiaRepro.IO;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>Writes a claim on the sweep's targets (l2-sweep, and kde-leak's attack on them): metrics.json in the one
/// shape both kinds share, history.json, figures, and whatever the kind adds.</summary>
public static class SweepClaimWriter
{
    /// <param name="attack">The attack's settings, or null (l2-sweep).</param>
    /// <param name="attackRows">The attack's rows, pooled over seeds (empty for l2-sweep).</param>
    /// <param name="attackSeedMeans">Per-seed means of the attack rows (null with one seed).</param>
    /// <param name="attackMeasurements">The attack's measurements (none for l2-sweep); the targets' are added here.</param>
    public static ClaimResult Write<TAttackRow>(ClaimContext context, IReadOnlyList<ExperimentSpec> variants, IReadOnlyList<SweepCell> cells, SplitManifest split,
        List<Figure> figures, List<string> plotNames, object? attack, IReadOnlyList<TAttackRow> attackRows,
        object? attackSeedMeans, IEnumerable<Measurements.Measurement> attackMeasurements, Action<string>? extra = null, IReadOnlyList<string>? extraPlots = null)
    {
        var spec = variants[0];
        var rows = L2SweepRunner.Summarize(cells);
        var run = context.Info(spec, cells.Count(c => !c.FromCache), cells.Count(c => c.FromCache));
        var (metrics, outcome, table) = ClaimContext.Judge(spec, new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, model = v.Model.ToString(), preprocessing = v.Training.Preprocessing.ToString(),
                l2Mode = v.Training.L2.Mode, v.Training.Shuffle, v.Training.TrainAccuracy, v.Training.Epochs, v.Training.BatchSize }),
            split = split.Parts.ToDictionary(p => p.Key, p => new { p.Value.From, size = p.Value.Indices.Length }),
            rows, attack, attackRows, attackSeedMeans,
            spec.PaperValues, spec.Notes,
            perSeed = cells.Select(c => new { c.Variant, c.Lambda, c.Seed, c.TrainAccuracy, c.TestAccuracy }),
        }, SweepMeasurements.Targets(new(spec.Paper, spec.Claim), variants, cells).Concat(attackMeasurements));
        var (dir, runDir, splitJson) = context.Write(spec, metrics, table, run, split, figures, plotNames, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "history.json"), JsonSerializer.Serialize(cells.Select(c => new { c.Variant, c.Lambda, c.Seed, c.History }), JsonFormat.Indented));
            extra?.Invoke(staging);
        });
        var plots = plotNames.Concat(extraPlots ?? []).Select(p => Path.Combine(runDir, p)).ToList();
        return new(spec, outcome, dir, plots, run, ClaimDigest.Of(outcome, splitJson, run));
    }
}
