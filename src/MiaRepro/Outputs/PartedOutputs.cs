using static TorchSharp.torch;

namespace MiaRepro.Outputs;

/// <summary>
/// A model's outputs on a pool made of consecutive parts (a shadow's in and out examples; a target's evaluation
/// members and non-members), through the store: queried part by part and stored once, read back from the store every
/// time, split into the same parts. So attacks always read stored outputs, and a rerun needs no query.
/// </summary>
public static class PartedOutputs
{
    /// <param name="labels">Each part's labels (int64 [n]); they become the pool's labels.</param>
    /// <param name="query">Each part's logits [n, C], in the order of <paramref name="labels"/> (called only when the store has none).</param>
    /// <returns>Each part's stored logits, float32 [n, C] on the CPU, plain query; the caller disposes them.</returns>
    public static Tensor[] GetOrQuery(OutputStore store, string key, string pool, string datasetSha256, string poolSha256, IReadOnlyList<Tensor> labels,
        Func<Tensor[]> query, OutputProvenance provenance)
    {
        var sizes = labels.Select(l => (int)l.shape[0]).ToArray();
        if (!store.Has(key))
        {
            var parts = query();
            try
            {
                if (parts.Length != sizes.Length || parts.Where((p, i) => p.shape[0] != sizes[i]).Any())
                    throw new ArgumentException($"{key}: the query returned {parts.Length} parts of [{string.Join(", ", parts.Select(p => p.shape[0]))}] rows for labels of [{string.Join(", ", sizes)}].");
                var logits = parts.SelectMany(p => { using var f = p.to(float32, CPU); return f.data<float>().ToArray(); }).ToArray();
                var all = labels.SelectMany(l => { using var y = l.to(int64, CPU); return y.data<long>().ToArray(); }).ToArray();
                store.Write(new ModelOutputs(key, pool, logits, (int)parts[0].shape[1], all, [QueryAugmentation.Plain]), provenance, datasetSha256, poolSha256);
            }
            finally { foreach (var p in parts) p.Dispose(); }
        }
        var stored = store.Read(key, datasetSha256, poolSha256);
        var expected = labels.SelectMany(l => { using var y = l.to(int64, CPU); return y.data<long>().ToArray(); }).ToArray();
        if (!stored.Labels.AsSpan().SequenceEqual(expected))
            throw new OutputStoreException($"{store.DirectoryOf(key)} holds outputs on {stored.N} examples whose labels are not this pool's {expected.Length}: " +
                                           "they were stored for other examples under the same key; delete the folder and rerun.");
        return Slice(stored, sizes);
    }

    /// <summary>Stored outputs cut into consecutive parts of <paramref name="sizes"/> examples: float32 [n, C], plain query.</summary>
    public static Tensor[] Slice(ModelOutputs stored, IReadOnlyList<int> sizes)
    {
        if (sizes.Sum() != stored.N)
            throw new OutputStoreException($"Outputs of {stored.ModelKey} cover {stored.N} examples, not the {sizes.Sum()} of parts [{string.Join(", ", sizes)}].");
        var result = new Tensor[sizes.Count];
        var from = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            var chunk = new float[(long)sizes[i] * stored.C];
            for (var n = 0; n < sizes[i]; n++)
                Array.Copy(stored.Logits, (long)(from + n) * stored.A * stored.C, chunk, (long)n * stored.C, stored.C);
            result[i] = tensor(chunk, [sizes[i], stored.C]);
            from += sizes[i];
        }
        return result;
    }
}
