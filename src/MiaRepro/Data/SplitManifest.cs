using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiaRepro.Data;

/// <summary>
/// Which examples play which role (target members, non-members, shadow pools, …): seeded, disjoint, and pinned to
/// the dataset's checksum. Parts are drawn in the order given, without replacement, from one seeded permutation per
/// source (parts in ordinal order of their names); indices are stored sorted, so a part that takes a whole source keeps the official order.
/// </summary>
public sealed record SplitManifest(string Dataset, string DatasetSha256, int Seed, IReadOnlyDictionary<string, SplitManifest.Part> Parts)
{
    public sealed record Part(string From, long[] Indices);

    public static SplitManifest Create(Dataset dataset, IReadOnlyDictionary<string, SplitPart> parts, int seed)
    {
        // "all" overlaps "train" and "test": mixing them would let parts share examples.
        if (parts.Values.Any(p => p.From == "all") && parts.Values.Any(p => p.From != "all"))
            throw new ArgumentException($"split: parts drawn from \"all\" (train and test pooled) cannot be mixed with parts from \"train\" or \"test\" " +
                $"in one split ({string.Join(", ", parts.Select(p => $"{p.Key} from {p.Value.From}"))}): they would overlap. Draw every part from \"all\", or none.");
        var rng = new Random(seed);
        var permutations = new Dictionary<string, long[]>();
        var used = new Dictionary<string, int>();
        var result = new Dictionary<string, Part>();
        foreach (var (name, spec) in parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var source = dataset.Part(spec.From);
            if (spec.Size < 1)
                throw new ArgumentException($"split:{name}:size must be at least 1, not {spec.Size}.");
            if (!permutations.TryGetValue(spec.From, out var perm))
            {
                perm = Enumerable.Range(0, (int)source.Count).Select(i => (long)i).ToArray();
                rng.Shuffle(perm);
                permutations[spec.From] = perm;
            }
            var start = used.GetValueOrDefault(spec.From);
            if (start + spec.Size > perm.Length)
                throw new ArgumentException(
                    $"split:{name}:size is {spec.Size}, but {dataset.Name}'s {spec.From} part has only {perm.Length - start} examples left " +
                    $"({perm.Length} in all, {start} taken by earlier parts). Lower the size.");
            var indices = perm[start..(start + spec.Size)];
            Array.Sort(indices);
            used[spec.From] = start + spec.Size;
            result[name] = new(spec.From, indices);
        }
        return new(dataset.Name, dataset.Sha256, seed, result);
    }

    public LabelledData Select(Dataset dataset, string part)
    {
        if (dataset.Sha256 != DatasetSha256)
            throw new InvalidOperationException($"Split manifest was made for {Dataset} with sha256 {DatasetSha256}, not the loaded data ({dataset.Sha256}).");
        if (!Parts.TryGetValue(part, out var p))
            throw new ArgumentException($"The split has no part '{part}'. It has: {string.Join(", ", Parts.Keys)}.");
        return dataset.Part(p.From).Select(p.Indices);
    }

    /// <summary>A short hash of the whole manifest: part of every cache key that depends on the split.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, Json)))[..16];

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}
