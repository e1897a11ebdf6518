using MiaRepro.Data;
using MiaRepro.Experiments;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>
/// `run`'s first step, so that a fresh machine needs no set-up: each dataset the chosen claims need and the data root
/// lacks is fetched (official source or --mirror, checked before it lands) before any claim trains, so a failed
/// download stops the run at once. Offline (--offline, MIAREPRO_OFFLINE=1) nothing is fetched: those claims are
/// reported not run with the download command, as before. CLI only: tests never download.
/// </summary>
internal static class FetchOnRun
{
    public static async Task Missing(MiaReproSettings settings, IEnumerable<string> datasets, CancellationToken cancel)
    {
        if (settings.Offline) return;
        foreach (var info in datasets.Distinct().Select(DatasetCatalog.Get))
        {
            if (DatasetFiles.Absent(info, settings.Data) is null) continue;
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]{info.Name}[/] is not in {settings.Data}: fetching it from {settings.Configuration["MIRROR"] ?? info.Download.Url} ({info.Checks}). --offline skips this.");
            try { await DownloadView.Download(settings, info, cancel); }
            catch (DatasetException e)
            {
                throw new DatasetException($"{e.Message} Or run with --offline (MIAREPRO_OFFLINE=1): claims on {info.Name} are then reported not run.");
            }
        }
    }
}
