using MiaRepro.Data;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// Which examples each shadow trains on (In) and holds out (Out), as indices into the split parts' source, drawn per
/// <see cref="ShadowSpec"/>. Seeded by (seed, shadow index); when In and Out share a pool each shadow's draw is split in two.
/// </summary>
public sealed record ShadowDraw(string InSource, long[] In, string OutSource, long[] Out)
{
    public static IReadOnlyList<ShadowDraw> Create(ShadowSpec spec, SplitManifest split, int seed)
    {
        var inPool = split.Parts[spec.InFrom];
        var outPool = split.Parts[spec.OutFrom];
        var shared = spec.InFrom == spec.OutFrom;
        var perShadowIn = spec.Size * (shared ? 2 : 1);
        Require(spec, spec.InFrom, inPool.Indices.Length, perShadowIn);
        if (!shared) Require(spec, spec.OutFrom, outPool.Indices.Length, spec.Size);

        var draws = new List<ShadowDraw>();
        long[]? inPerm = null, outPerm = null;
        for (var j = 0; j < spec.Count; j++)
        {
            if (spec.Disjoint)
            {
                // One permutation per pool; shadow j takes the j-th slice, so no two shadows share an example.
                inPerm ??= Permuted(inPool.Indices, seed, 0);
                outPerm ??= shared ? inPerm : Permuted(outPool.Indices, seed, 1);
                var a = inPerm[(j * perShadowIn)..((j + 1) * perShadowIn)];
                draws.Add(shared ? new(inPool.From, Sorted(a[..spec.Size]), inPool.From, Sorted(a[spec.Size..]))
                    : new(inPool.From, Sorted(a), outPool.From, Sorted(outPerm[(j * spec.Size)..((j + 1) * spec.Size)])));
            }
            else
            {
                // Independent draws per shadow (Irolla's fixed_random_subset(…, seed=j)): shadows overlap.
                var a = Permuted(inPool.Indices, seed, 2 * j + 2)[..perShadowIn];
                draws.Add(shared ? new(inPool.From, Sorted(a[..spec.Size]), inPool.From, Sorted(a[spec.Size..]))
                    : new(inPool.From, Sorted(a), outPool.From, Sorted(Permuted(outPool.Indices, seed, 2 * j + 3)[..spec.Size])));
            }
        }
        return draws;
    }

    static void Require(ShadowSpec spec, string part, int available, int perShadow)
    {
        var needed = spec.Disjoint ? spec.Count * perShadow : perShadow;
        if (available < needed)
            throw new ArgumentException(
                $"The shadow pool '{part}' has {available} examples, but {(spec.Disjoint ? $"{spec.Count} disjoint shadows × {perShadow}" : $"each shadow draws {perShadow}")} " +
                $"need {needed}. Lower shadows:size{(spec.Disjoint ? " or shadows:count, or set shadows:disjoint false" : "")}, or enlarge split:{part}:size.");
    }

    static long[] Permuted(long[] pool, int seed, int stream)
    {
        var copy = pool.ToArray();
        new Random(unchecked(seed * 1_000_003 + stream)).Shuffle(copy);   // not HashCode: it is salted per process
        return copy;
    }

    static long[] Sorted(long[] a) { var c = a.ToArray(); Array.Sort(c); return c; }
}
