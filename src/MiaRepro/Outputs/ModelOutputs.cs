namespace MiaRepro.Outputs;

/// <summary>
/// One model's logits on every example of its pool, [N, A, C] in C order (example, augmentation, class), with the
/// pool's labels. Validated on construction so a store never holds outputs an attack would choke on later.
/// </summary>
public sealed record ModelOutputs
{
    public string ModelKey { get; }

    /// <summary>The pool the examples come from (e.g. "train+test"), recorded in the manifest.</summary>
    public string Pool { get; }

    public float[] Logits { get; }
    public long[] Labels { get; }
    public IReadOnlyList<string> Augmentations { get; }

    public int N => Labels.Length;
    public int A => Augmentations.Count;
    public int C { get; }

    public ModelOutputs(string modelKey, string pool, float[] logits, int classes, long[] labels, IReadOnlyList<string> augmentations)
    {
        ModelKey = RequireFolderName(modelKey);
        Pool = pool;
        Logits = logits;
        Labels = labels;
        Augmentations = QueryAugmentation.ParseList(augmentations);
        C = classes;
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var expected = (long)N * A * C;
        if (logits.Length != expected)
            throw new ArgumentException($"Outputs of {modelKey}: {logits.Length} logits, but N·A·C = {N}·{A}·{C} = {expected}.", nameof(logits));
        var badLabel = Array.FindIndex(labels, y => y < 0 || y >= classes);
        if (badLabel >= 0)
            throw new ArgumentException($"Outputs of {modelKey}: example {badLabel} has label {labels[badLabel]}, outside [0, {classes}).", nameof(labels));
        var bad = Array.FindIndex(logits, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            var perExample = A * C;
            throw new ArgumentException(
                $"Outputs of {modelKey}: example {bad / perExample} has a non-finite logit ({logits[bad]}) under \"{Augmentations[bad % perExample / C]}\", " +
                $"class {bad % C}; the model diverged — retrain it (lower the learning rate) before storing its outputs.", nameof(logits));
        }
    }

    /// <summary>The logit of <paramref name="cls"/> for <paramref name="example"/> under augmentation <paramref name="augmentation"/>.</summary>
    public float Logit(int example, int augmentation, int cls) => Logits[((long)example * A + augmentation) * C + cls];

    /// <summary>Model keys name folders: one plain path segment, never one an interrupted write leaves behind.</summary>
    static string RequireFolderName(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key is "." or ".." || key.IndexOfAny(['/', '\\']) >= 0
            || key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || IO.AtomicFile.IsStray(key))
            throw new ArgumentException($"Model key '{key}' cannot name a folder of the output store (one path segment, no '/', no '.staging-'/'.old-').", nameof(key));
        return key;
    }
}
