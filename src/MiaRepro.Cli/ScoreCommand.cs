using System.Globalization;
using MiaRepro.Experiments;
using MiaRepro.Scoring;
using MiaRepro.Outputs;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro score --outputs DIR [--to OUTDIR] [--references K]`: every many-model attack on outputs made elsewhere
/// (<see cref="ScoreRun"/>), a table of AUC and TPR at 0.1 % and 1 % FPR, and OUTDIR/measurements.csv. How a user
/// checks their own models with this project's attacks, and how LiRA is compared across implementations.
/// </summary>
internal static class ScoreCommand
{
    public static int Run(MiaReproSettings settings)
    {
        var outputs = settings.Configuration["outputs"]
            ?? throw new ExperimentException("score needs --outputs DIR: a folder with keep.npy [M, N], logits.npy [M, N, A, C] and labels.npy [N], " +
                "or a LiRA reference-code experiment folder (y_train.npy and experiment-*/keep.npy, experiment-*/logits/<epoch>.npy).");
        var references = settings.Configuration["references"] is { } k
            ? int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
                : throw new ExperimentException($"--references {k}: give an even whole number of reference models per example (online K/2 IN and K/2 OUT, at least 4).")
            : (int?)null;
        ScoreRun.Result result;
        try
        {
            result = AnsiConsole.Status().Start("reading the outputs", ctx => ScoreRun.Run(outputs, settings.Configuration["to"], references, s => ctx.Status(s)));
        }
        catch (OutputStoreException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        var set = result.Set;
        var fprs = ScoreRun.ReportOptions.TargetFprs;
        var table = new Table().AddColumn("attack").AddColumn(new TableColumn("AUC %").RightAligned());
        foreach (var fpr in fprs) table.AddColumn(new TableColumn($"TPR % at {100 * fpr:G3}% FPR").RightAligned());
        foreach (var (attack, report) in result.Reports)
            table.AddRow([Markup.Escape(attack), $"{100 * report.Auc:F2}", .. fprs.Select(f => $"{100 * report.TprAt(f):F2}")]);
        var refs = references is { } r ? $", {r} reference models per example" : ", the same references IN and OUT for every example";
        AnsiConsole.MarkupLineInterpolated(
            $"{set.Source}: {set.Models} models × {set.Examples} examples × {set.Augmentations} queries × {set.Classes} classes, leave-one-model-out{refs}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{result.Table.Rows.Count} measurements written to {result.CsvPath}, beside {string.Join(", ", result.Files.Skip(1))}");
        AnsiConsole.MarkupLineInterpolated($"table in {result.TableTime.TotalSeconds:F1} s, figures and report in {result.FiguresTime.TotalSeconds:F1} s");
        return 0;
    }
}
