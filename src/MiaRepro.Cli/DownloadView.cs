using MiaRepro.Data;
using MiaRepro.Experiments;
using Spectre.Console;

namespace MiaRepro.Cli;

/// <summary>A dataset download with a Spectre progress bar per URL, each line saying what gets checked (sha256, or that
/// no official sha256 is pinned): shared by `data download` and `run`'s fetch of a missing dataset.</summary>
internal static class DownloadView
{
    public static async Task<IReadOnlyList<string>> Download(MiaReproSettings settings, DatasetInfo info, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        IReadOnlyList<string> files = [];
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                var downloader = new DatasetDownloader(http, settings.Configuration["MIRROR"])
                {
                    OnProgress = p =>
                    {
                        if (!bars.TryGetValue(p.Url, out var bar))
                        {
                            var name = Path.GetFileName(new Uri(p.Url).AbsolutePath);
                            bar = bars[p.Url] = ctx.AddTask(Markup.Escape($"{info.Name}: {name} ({info.Checks})"), maxValue: p.Total ?? 1);
                            bar.IsIndeterminate = p.Total is null;   // the server sent no length
                        }
                        bar.Value = p.Total is null ? 0 : p.Received;
                    },
                };
                try { files = await downloader.Download(info, settings.Data, cancel); }
                finally
                {
                    foreach (var bar in bars.Values) bar.StopTask();
                }
            });
        foreach (var f in files) AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {f} ({info.Checks})");
        return files;
    }
}
