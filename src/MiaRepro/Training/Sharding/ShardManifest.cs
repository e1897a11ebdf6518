using System.Text.Json;
using MiaRepro.IO;

namespace MiaRepro.Training.Sharding;

/// <summary>
/// What one finished shard of a claim did, written (atomically, last) into the shared store beside the models:
/// the claim, its profile, the run's settings hash (Experiments.RunSettings.Hash) (variants with overrides resolved) and code version
/// (Experiments.RunInfo.HeadLabel), and every job the claim asked for with the shard it belongs to and what this shard
/// did with it. A merge reads every shard's manifest and refuses shards that do not fit together (<see cref="ShardMergeCheck"/>).
/// The settings hash lives here, not in the models' provenance: a stored model is shared by every claim that needs it.
/// </summary>
public sealed record ShardManifest(string Claim, string Profile, int Shard, int Of, string Settings, string Code, IReadOnlyList<ShardJob> Jobs)
{
    /// <summary>The jobs this shard trained or found in the store (its own).</summary>
    public IEnumerable<ShardJob> Owned => Jobs.Where(j => j.Shard == Shard && j.Owned);

    public string Name => $"{Shard}/{Of}";

    /// <summary>&lt;store&gt;/shards/&lt;profile&gt;/&lt;paper&gt;/&lt;claim&gt;/: one claim's manifests, one file a shard.</summary>
    public static string Folder(string store, string profile, string claim) =>
        Path.Combine(store, "shards", profile, Path.Combine(claim.Split('/')));

    public static string FileName(int shard, int of) => $"shard-{shard}-of-{of}.json";

    public string Write(string store)
    {
        var path = Path.Combine(Folder(store, Profile, Claim), FileName(Shard, Of));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonFormat.Indented));
        return path;
    }

    /// <summary>Every manifest of <paramref name="claim"/> in the store (none: an empty list), each named by its file.</summary>
    public static IReadOnlyList<(string File, ShardManifest Manifest)> ReadAll(string store, string profile, string claim)
    {
        var folder = Folder(store, profile, claim);
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "shard-*-of-*.json").Order(StringComparer.Ordinal).Select(f =>
        {
            try
            {
                return (f, JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(f), JsonFormat.Indented)
                           ?? throw new ShardException($"{f} is empty: rerun that shard."));
            }
            catch (JsonException e) { throw new ShardException($"{f} is not a shard manifest ({e.Message}): delete it and rerun that shard."); }
        }).ToList();
    }
}
