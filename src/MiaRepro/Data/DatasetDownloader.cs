using System.Formats.Tar;
using System.IO.Compression;

namespace MiaRepro.Data;

/// <summary>
/// Fetches a dataset's official files into the data root and checks each against the catalog (size, sha256) before it
/// lands; files move into place atomically, so an interrupted download leaves nothing half-written.
/// <paramref name="mirror"/>: a base URL laid out like a data root (&lt;mirror&gt;/&lt;folder&gt;/&lt;file&gt;), used
/// instead of the official source — the tests' loopback server, or an institute's copy.
/// </summary>
public sealed class DatasetDownloader(HttpClient http, string? mirror = null)
{
    public async Task<IReadOnlyList<string>> Download(DatasetInfo info, string dataRoot, CancellationToken cancel = default)
    {
        var folder = Path.Combine(dataRoot, info.Folder);
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(dataRoot, $".download-{info.Name}-{Guid.NewGuid():N}");
        var stagingFolder = Path.Combine(staging, info.Folder);
        Directory.CreateDirectory(stagingFolder);
        try
        {
            if (mirror is not null)
                foreach (var f in info.Files)
                    await Fetch($"{mirror.TrimEnd('/')}/{info.Folder}/{f.RelativePath}", Path.Combine(stagingFolder, f.RelativePath), gunzip: false, cancel);
            else if (info.Download.PerFileGzip || info.Download.PerFilePlain)
                foreach (var f in info.Files)
                    await Fetch($"{info.Download.Url}/{f.RelativePath}{(info.Download.PerFileGzip ? ".gz" : "")}",
                        Path.Combine(stagingFolder, f.RelativePath), gunzip: info.Download.PerFileGzip, cancel);
            else
                await FetchArchive(info, stagingFolder, cancel);

            // All files verified (size, sha256) before any lands, so a bad download leaves the data root as it was.
            foreach (var f in info.Files) DatasetFiles.Read(info, f, staging);
            var written = new List<string>();
            foreach (var f in info.Files)
            {
                var target = Path.Combine(folder, f.RelativePath);
                File.Move(Path.Combine(stagingFolder, f.RelativePath), target, overwrite: true);
                written.Add(target);
            }
            return written;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    async Task Fetch(string url, string path, bool gunzip, CancellationToken cancel)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode)
            throw new DatasetException($"Download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the network or use --mirror.");
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await using var source = gunzip ? new GZipStream(body, CompressionMode.Decompress) : body;
        await using var file = File.Create(path);
        await source.CopyToAsync(file, cancel);
    }

    async Task FetchArchive(DatasetInfo info, string stagingFolder, CancellationToken cancel)
    {
        var archive = Path.Combine(stagingFolder, "archive.tar.gz");
        await Fetch(info.Download.Url, archive, gunzip: false, cancel);
        await using (var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        {
            using var tar = new TarReader(gz);
            var wanted = info.Files.ToDictionary(f => info.Download.ArchivePrefix + f.RelativePath, f => f.RelativePath);
            while (await tar.GetNextEntryAsync(cancellationToken: cancel) is { } entry)
                if (wanted.TryGetValue(entry.Name.TrimStart('.', '/'), out var relative))
                    await entry.ExtractToFileAsync(Path.Combine(stagingFolder, relative), overwrite: true, cancel);
        }
        File.Delete(archive);
    }
}
