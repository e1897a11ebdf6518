using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace MiaRepro.Data;

/// <summary>
/// Fetches a dataset's official files into the data root and checks each against the catalog (size, sha256) before it
/// lands; files move into place only once all are verified, so a failed or interrupted download leaves nothing
/// half-written. <paramref name="mirror"/>: a base URL laid out like a data root (&lt;mirror&gt;/&lt;folder&gt;/&lt;file&gt;),
/// used instead of the official source — the tests' loopback server, or an institute's copy.
/// </summary>
public sealed class DatasetDownloader(HttpClient http, string? mirror = null)
{
    /// <summary>Called as bytes arrive, before any unpacking (for a progress bar).</summary>
    public Action<DownloadProgress>? OnProgress { get; init; }

    /// <summary>The URL each file comes from (one archive URL for all of them where the source is an archive).</summary>
    public IReadOnlyDictionary<DatasetFile, string> Sources(DatasetInfo info) => info.Files.ToDictionary(f => f, f =>
        mirror is not null ? $"{mirror.TrimEnd('/')}/{info.Folder}/{f.RelativePath}"
        : info.Download.PerFileGzip ? $"{info.Download.Url}/{f.RelativePath}.gz"
        : info.Download.PerFilePlain ? $"{info.Download.Url}/{f.RelativePath}"
        : info.Download.Url);

    /// <summary>The paths written. Any failure (network, HTTP status, checksum) is a <see cref="DatasetException"/> naming the
    /// dataset, the URL, the folder the files were meant for and how to place them by hand.</summary>
    public async Task<IReadOnlyList<string>> Download(DatasetInfo info, string dataRoot, CancellationToken cancel = default)
    {
        var folder = Path.Combine(Path.GetFullPath(dataRoot), info.Folder);
        var staging = Path.Combine(dataRoot, $".download-{info.Name}-{Guid.NewGuid():N}");
        var stagingFolder = Path.Combine(staging, info.Folder);
        try { Directory.CreateDirectory(stagingFolder); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DatasetException($"{info.Name}: cannot write to the data root '{Path.GetFullPath(dataRoot)}' ({e.Message}). Set MIAREPRO_DATA to a writable folder.");
        }
        var sources = Sources(info);
        try
        {
            if (mirror is not null || info.Download.PerFileGzip || info.Download.PerFilePlain)
                foreach (var f in info.Files)
                    await Fetch(sources[f], Path.Combine(stagingFolder, f.RelativePath), gunzip: mirror is null && info.Download.PerFileGzip, cancel);
            else
                await FetchArchive(info, stagingFolder, cancel);

            // All files verified (size, sha256) before any lands, so a bad download leaves the data root as it was.
            foreach (var f in info.Files) Verify(info, f, Path.Combine(stagingFolder, f.RelativePath), sources[f]);
            Directory.CreateDirectory(folder);
            var written = new List<string>();
            foreach (var f in info.Files)
            {
                var target = Path.Combine(folder, f.RelativePath);
                File.Move(Path.Combine(stagingFolder, f.RelativePath), target, overwrite: true);
                written.Add(target);
            }
            return written;
        }
        catch (DatasetException e)
        {
            throw new DatasetException(
                $"{info.Name}: {e.Message} Nothing was written to '{folder}'. Without a network, place the official files there " +
                $"({string.Join(", ", info.Files.Select(f => f.RelativePath))}, from {info.Download.Url}), or set MIAREPRO_DATA to a folder that holds '{info.Folder}/'.");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    static void Verify(DatasetInfo info, DatasetFile file, string path, string url)
    {
        if (!File.Exists(path))
            throw new DatasetException($"{url} holds no '{info.Download.ArchivePrefix}{file.RelativePath}'.");
        var bytes = File.ReadAllBytes(path);
        if (DatasetFiles.Mismatch(info, file, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))) is { } wrong)
            throw new DatasetException($"the '{file.RelativePath}' fetched from {url} {wrong}.");
    }

    async Task Fetch(string url, string path, bool gunzip, CancellationToken cancel)
    {
        var raw = gunzip ? path + ".gz" : path;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
                throw new DatasetException($"download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the network or use --mirror.");
            var total = response.Content.Headers.ContentLength;
            await using (var body = await response.Content.ReadAsStreamAsync(cancel))
            await using (var file = File.Create(raw))
            {
                var buffer = new byte[1 << 16];
                long received = 0;
                OnProgress?.Invoke(new(url, 0, total));
                for (int n; (n = await body.ReadAsync(buffer, cancel)) > 0;)
                {
                    await file.WriteAsync(buffer.AsMemory(0, n), cancel);
                    OnProgress?.Invoke(new(url, received += n, total));
                }
            }
            if (!gunzip) return;
            await using (var gz = new GZipStream(File.OpenRead(raw), CompressionMode.Decompress))
            await using (var file = File.Create(path))
                await gz.CopyToAsync(file, cancel);
            File.Delete(raw);
        }
        // Connection refused, DNS, a dropped connection, a timeout (not the user's Ctrl-C), a bad gzip: one clear error.
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException
                                  || e is TaskCanceledException && !cancel.IsCancellationRequested)
        {
            throw new DatasetException($"download of {url} failed: {(e is TaskCanceledException ? $"no answer within {http.Timeout}" : e.Message)}.");
        }
    }

    async Task FetchArchive(DatasetInfo info, string stagingFolder, CancellationToken cancel)
    {
        var archive = Path.Combine(stagingFolder, "archive.tar.gz");
        await Fetch(info.Download.Url, archive, gunzip: false, cancel);
        try
        {
            await using var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gz);
            var wanted = info.Files.ToDictionary(f => info.Download.ArchivePrefix + f.RelativePath, f => f.RelativePath);
            while (await tar.GetNextEntryAsync(cancellationToken: cancel) is { } entry)
                if (wanted.TryGetValue(entry.Name.TrimStart('.', '/'), out var relative))
                    await entry.ExtractToFileAsync(Path.Combine(stagingFolder, relative), overwrite: true, cancel);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DatasetException($"{info.Download.Url} is not a readable .tar.gz ({e.Message}).");
        }
        File.Delete(archive);
    }
}
