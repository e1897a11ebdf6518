using MiaRepro.Data;
using MiaRepro.Experiments;
using Spectre.Console;

namespace MiaRepro.Cli;

internal static class DataCommands
{
    /// <summary>"verified", "present (sizes checked; no official sha256 pinned)", "missing …", or what is wrong.</summary>
    public static string Status(DatasetInfo info, string dataRoot)
    {
        var missing = info.Files.Where(f => DatasetFiles.Locate(info, f, dataRoot) is null).Select(f => f.RelativePath).ToList();
        if (missing.Count == info.Files.Count) return "missing";
        if (missing.Count > 0) return $"incomplete: missing {string.Join(", ", missing)}";
        try
        {
            foreach (var f in info.Files) DatasetFiles.Read(info, f, dataRoot);
            return info.Files.All(f => f.Sha256 is not null) ? "present, sha256 verified"
                : info.Files.All(f => f.Size is not null) ? "present, sizes verified (no official sha256 pinned)"
                : "present, read (no official size or sha256 pinned: not verified)";
        }
        catch (DatasetException e)
        {
            return $"CORRUPT: {e.Message}";
        }
    }

    public static int Verify(MiaReproSettings settings)
    {
        var table = new Table().AddColumns("dataset", "status");
        var bad = 0;
        foreach (var info in DatasetCatalog.All)
        {
            var status = Status(info, settings.Data);
            if (status.StartsWith("CORRUPT", StringComparison.Ordinal) || status.StartsWith("incomplete", StringComparison.Ordinal)) bad++;
            table.AddRow(Markup.Escape(info.Name), Markup.Escape(status));
        }
        AnsiConsole.MarkupLineInterpolated($"data root: {settings.Data}");
        AnsiConsole.Write(table);
        return bad == 0 ? 0 : 4;
    }

    public static async Task<int> Download(MiaReproSettings settings, string name, CancellationToken cancel)
    {
        await DownloadView.Download(settings, DatasetCatalog.Get(name), cancel);
        return 0;
    }
}
