namespace MiaRepro.Data;

/// <summary>What the project knows about a dataset before reading it: files, checksums, where to get them.</summary>
/// <param name="Folder">Folder under the data root.</param>
/// <param name="Download">Official download: a .tar.gz holding the files, or a base URL the (gzipped) files sit under.</param>
/// <param name="SystemFolders">Folders a system package installs the files to (e.g. Debian's dataset-fashion-mnist).</param>
public sealed record DatasetInfo(string Name, string Folder, IReadOnlyList<DatasetFile> Files, DownloadSource Download, IReadOnlyList<string> SystemFolders)
{
    /// <summary>What a download or a load can check, said wherever the dataset is fetched: no official value is guessed.</summary>
    public string Checks =>
        Files.All(f => f.Sha256 is not null) ? "sha256 checked"
        : Files.All(f => f.Size is not null) ? "sizes checked; no official sha256 pinned"
        : "not verified: no official sha256 or size pinned";
}

/// <summary>How <c>miarepro data download</c> fetches a dataset.</summary>
/// <param name="Url">Archive URL, or base URL when <paramref name="PerFileGzip"/> (each file is fetched as URL/name.gz).</param>
/// <param name="ArchivePrefix">Path inside the archive that holds the files.</param>
public sealed record DownloadSource(string Url, bool PerFileGzip = false, bool PerFilePlain = false, string ArchivePrefix = "");
