using System.Security.Cryptography;
using System.Text.Json;
using MiaRepro.IO;

namespace MiaRepro.Outputs;

/// <summary>
/// Audited runs' canary records beside the model store: &lt;cache&gt;/canaries/&lt;job key&gt;/{observed.npy [T, m]
/// '&lt;f8', record.json, SHA256SUMS}, written all at once (a reader sees the old folder or the new one), so a rerun
/// scores the audit again without training. A folder that fails its check is deleted and its run trained again.
/// </summary>
public sealed class CanaryStore(string cacheRoot)
{
    const string ObservedFile = "observed.npy";
    const string RecordFile = "record.json";
    const string SumsFile = "SHA256SUMS";

    public string Root { get; } = Path.Combine(cacheRoot, "canaries");

    public Action<string>? OnCorrupt { get; init; }

    sealed record Stored(string JobKey, bool[] Included, double[] Initial, double[] Final);

    public void Write(CanaryRecord record)
    {
        var steps = record.Observed.Count;
        if (steps == 0 || record.Observed.Any(o => o.Length != record.Count) || record.Initial.Length != record.Count || record.Final.Length != record.Count)
            throw new ArgumentException($"A canary record needs {record.Count} values per step (and at least one step), initial and final.", nameof(record));
        AtomicFile.ReplaceDirectory(Path.Combine(Root, record.JobKey), staging =>
        {
            Npy.Write(Path.Combine(staging, ObservedFile), [steps, record.Count], record.Observed.SelectMany(o => o).ToArray());
            File.WriteAllText(Path.Combine(staging, RecordFile),
                JsonSerializer.Serialize(new Stored(record.JobKey, record.Included, record.Initial, record.Final)));
            File.WriteAllLines(Path.Combine(staging, SumsFile), new[] { ObservedFile, RecordFile }.Select(f => $"{Sha256(Path.Combine(staging, f))}  {f}"));
        });
    }

    /// <summary>The record stored for <paramref name="jobKey"/>, or null (none, or one that failed its check and was deleted).</summary>
    public CanaryRecord? TryRead(string jobKey)
    {
        var dir = Path.Combine(Root, jobKey);
        if (!Directory.Exists(dir)) return null;
        try
        {
            foreach (var line in File.ReadAllLines(Path.Combine(dir, SumsFile)))
            {
                var (expected, file) = (line[..64], line[66..]);
                if (Sha256(Path.Combine(dir, file)) != expected) throw new InvalidDataException($"{file} does not match {SumsFile}");
            }
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(Path.Combine(dir, RecordFile)))
                         ?? throw new InvalidDataException($"{RecordFile} is empty");
            if (stored.JobKey != jobKey) throw new InvalidDataException($"{RecordFile} names job {stored.JobKey}");
            var observed = Npy.Read<double>(Path.Combine(dir, ObservedFile));
            var m = stored.Included.Length;
            if (observed.Shape.Length != 2 || observed.Shape[1] != m) throw new InvalidDataException($"{ObservedFile} is not [steps, {m}]");
            var rows = Enumerable.Range(0, (int)observed.Shape[0]).Select(t => observed.Data.AsSpan(t * m, m).ToArray()).ToList();
            return new(jobKey, stored.Included, rows, stored.Initial, stored.Final);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or OutputStoreException or ArgumentException)
        {
            OnCorrupt?.Invoke($"Canary record '{dir}' is corrupt ({e.Message}); deleting it and training its run again.");
            Directory.Delete(dir, recursive: true);
            return null;
        }
    }

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
