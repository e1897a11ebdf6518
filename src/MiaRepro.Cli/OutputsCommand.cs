using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.IO;
using MiaRepro.Outputs;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro outputs &lt;paper/claim&gt; --to DIR`: the stored outputs of a claim's sweep targets (trained or cached) as a
/// self-contained set — store/&lt;modelKey&gt;/…, keep.npy [M, N] and targets.json naming each model's variant, λ and
/// seed — which the regression tests read and numpy opens (tools/reference/read_outputs.py).
/// </summary>
public static class OutputsCommand
{
    public static int Export(MiaReproSettings settings, string claim, string? to)
    {
        if (to is null) throw new ExperimentException("outputs needs --to DIR: the folder the outputs set is written to (replaced whole).");
        var path = Path.Combine(settings.Experiments, claim + ".json");
        if (!File.Exists(path)) throw new ExperimentException($"Claim '{claim}' not found at {path}: run `miarepro list` for the claims.");
        var variants = ExperimentLoader.Load(path, settings.Profile, settings.Configuration);
        if (variants[0].Kind is not ("l2-sweep" or "kde-leak"))
            throw new ExperimentException($"{claim} is a {variants[0].Kind} claim: outputs exports the sweep's targets (l2-sweep, kde-leak claims) only so far.");
        var targets = new List<(SweepCell Cell, int Members, int NonMembers)>();
        var (cells, split) = new L2SweepRunner(settings)
        {
            Log = m => AnsiConsole.MarkupLineInterpolated($"{m}"),
            OnLogits = (cell, members, nonMembers) => targets.Add((cell, (int)members.Count, (int)nonMembers.Count)),
        }.Run(variants);
        var dataset = split.DatasetSha256;
        var store = OutputStore.InCache(settings.Cache);
        AtomicFile.ReplaceDirectory(to, staging =>
        {
            var n = targets[0].Members + targets[0].NonMembers;
            var keep = new bool[targets.Count, n];
            for (var m = 0; m < targets.Count; m++)
            {
                var key = targets[m].Cell.ModelKey;
                var from = store.DirectoryOf(key);
                var into = Path.Combine(staging, "store", key);
                Directory.CreateDirectory(into);
                foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(into, Path.GetFileName(file)));
                for (var i = 0; i < targets[m].Members; i++) keep[m, i] = true;
            }
            OutputStore.WriteKeep(staging, keep);
            File.WriteAllText(Path.Combine(staging, "targets.json"), JsonSerializer.Serialize(new
            {
                claim, profile = settings.Profile, datasetSha256 = dataset, splitSha256 = split.Hash(), poolSize = n, pool = SweepOutputs.Pool,
                targets = targets.Select(t => new { t.Cell.Variant, t.Cell.Lambda, t.Cell.Seed, t.Cell.ModelKey }),
            }, JsonFormat.Indented));
        });
        AnsiConsole.MarkupLineInterpolated($"{targets.Count} targets' outputs ({cells.Count} models) written to {to}");
        return 0;
    }
}
