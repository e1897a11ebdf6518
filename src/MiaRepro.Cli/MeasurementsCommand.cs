using MiaRepro.Experiments;
using MiaRepro.Measurements;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>`miarepro measurements [--results DIR]`: rewrites measurements.csv beside every stored metrics.json, from
/// the JSON alone (no training), so results written before the table existed get one too.</summary>
internal static class MeasurementsCommand
{
    public static int Run(MiaRepro.Experiments.MiaReproSettings settings)
    {
        var (files, rows) = MeasurementFiles.Regenerate(settings.Results,
            (path, count) => AnsiConsole.MarkupLineInterpolated($"{Path.GetRelativePath(settings.Results, Path.GetDirectoryName(path)!)}: {count} rows"));
        AnsiConsole.MarkupLineInterpolated($"measurements: {rows} rows in {files} files under {settings.Results}");
        return 0;
    }
}
