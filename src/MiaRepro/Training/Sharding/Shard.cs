using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MiaRepro.Training.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as `--shard 2/3` writes it) of a claim's training jobs.
/// The partition is stable and needs no coordination: a job belongs to shard 1 + (h mod n), where h is the first 8
/// bytes (big-endian) of sha256 over the UTF-8 of its <see cref="JobKey"/>. The key already names everything that
/// determines the model, so every process that runs the claim with the same settings assigns every job to the same shard,
/// whatever order the kind asks for them in; shards are disjoint and together cover every job. sha256 again rather than
/// the key's own hex digits: the partition must not depend on how keys happen to be spelt.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The shard (1..<paramref name="count"/>) that <paramref name="key"/> belongs to.</summary>
    public static int Of(string key, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a partition needs at least one shard");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    public bool Owns(string key) => Of(key, Count) == Index;

    /// <summary>"i/n" with 1 ≤ i ≤ n; anything else is an error naming the flag and the fix.</summary>
    public static Shard Parse(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(\d{1,6})/(\d{1,6})$");
        if (!match.Success)
            throw new ArgumentException($"--shard '{text}' is not i/n: give the shard's number and the shard count, e.g. --shard 1/3, --shard 2/3 and --shard 3/3.");
        var (index, count) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        if (count < 1)
            throw new ArgumentException($"--shard {text}: the shard count must be at least 1; split the jobs in n ≥ 1 shards and run --shard 1/n … --shard n/n.");
        if (index < 1 || index > count)
            throw new ArgumentException($"--shard {text}: shards are numbered 1 to {count}; run --shard 1/{count} … --shard {count}/{count} (or raise the count).");
        return new(index, count);
    }

    public override string ToString() => $"{Index}/{Count}";
}
