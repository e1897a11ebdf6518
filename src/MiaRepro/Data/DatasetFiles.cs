using System.IO.Compression;
using System.Security.Cryptography;

namespace MiaRepro.Data;

/// <summary>Finds a dataset's files under the data root (raw or .gz, or where a system package put them),
/// reads them whole and checks size and sha256 against the catalog.</summary>
public static class DatasetFiles
{
    /// <summary>The path the file is read from, or null when absent.</summary>
    public static string? Locate(DatasetInfo info, DatasetFile file, string dataRoot)
    {
        var folders = new[] { Path.Combine(dataRoot, info.Folder) }.Concat(info.SystemFolders);
        foreach (var folder in folders)
        {
            var raw = Path.Combine(folder, file.RelativePath);
            if (File.Exists(raw)) return raw;
            if (File.Exists(raw + ".gz")) return raw + ".gz";
        }
        return null;
    }

    /// <summary>The file's bytes (decompressed if .gz) and their sha256, after checking both against the catalog.</summary>
    public static (byte[] Bytes, string Sha256) Read(DatasetInfo info, DatasetFile file, string dataRoot)
    {
        var path = Locate(info, file, dataRoot) ?? throw Missing(info, file, dataRoot);
        byte[] bytes;
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            try { gz.CopyTo(buffer); }
            catch (InvalidDataException e)
            {
                throw new DatasetException($"'{path}' is not a valid gzip file ({e.Message}). Delete it and run `miarepro data download {info.Name}`.");
            }
            bytes = buffer.ToArray();
        }
        else bytes = File.ReadAllBytes(path);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Mismatch(info, file, bytes.Length, sha) is { } wrong)
            throw new DatasetException(
                $"'{path}' {wrong}. The file is corrupt or not the official one: delete it and run " +
                $"`miarepro data download {info.Name}` (official source: {info.Download.Url}).");
        return (bytes, sha);
    }

    /// <summary>How bytes said to be <paramref name="file"/> differ from the official file (size first, then sha256), or
    /// null when they match what the catalog pins.</summary>
    public static string? Mismatch(DatasetInfo info, DatasetFile file, long length, string sha256) =>
        file.Size is { } size && length != size
            ? $"has {length:N0} bytes; the official {info.Name} file '{file.RelativePath}' has {size:N0}" + (length < size ? " (truncated?)" : "")
            : file.Sha256 is not null && sha256 != file.Sha256
                ? $"has sha256 {sha256}, but the official {info.Name} file '{file.RelativePath}' has {file.Sha256}"
                : null;

    /// <summary>Why <paramref name="name"/> cannot be read from <paramref name="dataRoot"/> (its first absent file, with
    /// the download command and the official source), or null when every file is there. Presence only: the bytes are
    /// checked when the dataset loads. A claim on an absent dataset is reported not run with this reason.</summary>
    public static string? Absent(string name, string dataRoot) => Absent(DatasetCatalog.Get(name), dataRoot);

    public static string? Absent(DatasetInfo info, string dataRoot) =>
        info.Files.FirstOrDefault(f => Locate(info, f, dataRoot) is null) is { } file ? Missing(info, file, dataRoot).Message : null;

    public static DatasetException Missing(DatasetInfo info, DatasetFile file, string dataRoot) => new(
        $"{info.Name}: '{file.RelativePath}' not found at '{Path.Combine(Path.GetFullPath(dataRoot), info.Folder, file.RelativePath)}'" +
        (info.SystemFolders.Count > 0 ? $" (nor under {string.Join(", ", info.SystemFolders)})" : "") +
        $". Run `miarepro data download {info.Name}` (official source: {info.Download.Url}" +
        (file.Sha256 is null ? "" : $", sha256 {file.Sha256}") +
        $"), or set MIAREPRO_DATA to the folder that holds '{info.Folder}/'.");

    /// <summary>One checksum for the whole dataset: sha256 over the files' sha256s in catalog order.</summary>
    public static string Combine(IEnumerable<string> fileShas) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join("\n", fileShas))));
}
