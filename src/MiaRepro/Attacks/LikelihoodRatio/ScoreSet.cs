using MiaRepro.Outputs;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The input of the many-model attacks (LiRA, RMIA), as Carlini et al.'s code keeps it between stages: which example
/// trained which model, keep [M, N]; every model's logits on every example under A queries, [M, N, A, C] float32 (the
/// first query the plain image, then e.g. its mirror); and the examples' labels [N]. Validated on construction, so an
/// attack never meets a NaN logit or a label without a class. <see cref="Load"/> reads the folder `miarepro score`
/// takes: keep.npy, logits.npy, labels.npy.
/// </summary>
public sealed class ScoreSet
{
    public const string KeepFile = "keep.npy";
    public const string LogitsFile = "logits.npy";
    public const string LabelsFile = "labels.npy";

    /// <summary>How to write the folder, for error messages: the fix for any shape or dtype problem.</summary>
    public const string Format =
        "write keep.npy as bool [M, N] (keep[m, n]: example n trained model m), logits.npy as float32 [M, N, A, C] " +
        "(np.save(path, x.astype(np.float32)); A queries, the first the plain image) and labels.npy as int64 or int32 [N]";

    readonly bool[] keep;

    /// <summary>Where the set came from (a folder, or "in memory"), named in every error.</summary>
    public string Source { get; }
    public int Models { get; }
    public int Examples { get; }
    public int Augmentations { get; }
    public int Classes { get; }

    /// <summary>[M·N·A·C] in C order (model, example, query, class).</summary>
    public float[] Logits { get; }

    /// <summary>Only φ is known (the reference code's scores/ without logits): each query's logits are [φ, 0] with label 0,
    /// so φ reads back exactly and only the attacks on φ run (<see cref="ManyModelAttacks"/>).</summary>
    public bool PhiOnly { get; init; }
    public int[] Labels { get; }

    /// <param name="keep">[M, N]: keep[m, n] is whether example n was in model m's training set.</param>
    /// <param name="logits">[M, N, A, C] in C order.</param>
    /// <param name="augmentations">A, the number of queries per example.</param>
    /// <param name="labels">[N], each in [0, C).</param>
    /// <param name="source">Named in errors; a folder for <see cref="Load"/>.</param>
    public ScoreSet(bool[,] keep, float[] logits, int augmentations, int classes, long[] labels, string source = "in memory")
        : this(Flatten(keep), keep.GetLength(0), keep.GetLength(1), logits, augmentations, classes, labels, source)
    {
    }

    ScoreSet(bool[] keep, int models, int examples, float[] logits, int augmentations, int classes, long[] labels, string source)
    {
        Source = source;
        var (keepName, logitsName, labelsName) = (Named(KeepFile), Named(LogitsFile), Named(LabelsFile));
        if (models == 0)
            throw new ArgumentException($"{keepName} holds 0 models ([0, {examples}]): the attacks need several trained models (LiRA used 64–256). {Format}.");
        if (examples == 0)
            throw new ArgumentException($"{keepName} holds 0 examples ([{models}, 0]): there is nothing to attack. {Format}.");
        if (augmentations < 1)
            throw new ArgumentException($"{logitsName} has {augmentations} queries per example: it needs at least the plain image. {Format}.");
        if (classes < 2)
            throw new ArgumentException($"{logitsName} has {classes} class(es): the logit-scaled confidence needs at least 2. {Format}.");
        if (labels.Length != examples)
            throw new ArgumentException($"{labelsName} holds {labels.Length} labels but {keepName} has {examples} examples ([{models}, {examples}]): " +
                $"both must list the same examples in the same order. {Format}.");
        var expected = (long)models * examples * augmentations * classes;
        if (logits.Length != expected)
            throw new ArgumentException($"{logitsName} holds {logits.Length} logits but [M, N, A, C] = [{models}, {examples}, {augmentations}, {classes}] " +
                $"needs {expected}. {Format}.");
        var badLabel = Array.FindIndex(labels, y => y < 0 || y >= classes);
        if (badLabel >= 0)
            throw new ArgumentException($"{labelsName}: example {badLabel} has label {labels[badLabel]}, outside [0, {classes}) for the {classes} classes of " +
                $"{logitsName} (labels from another dataset, or 1-based?). Write 0-based class indices.");
        var bad = Array.FindIndex(logits, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            var c = bad % classes;
            var a = bad / classes % augmentations;
            var n = bad / classes / augmentations % examples;
            var m = bad / classes / augmentations / examples;
            throw new ArgumentException($"{logitsName}: model {m}, example {n}, query {a}, class {c} is {logits[bad]}: that model diverged. " +
                $"Retrain it, or drop it (its row of {KeepFile} and of {LogitsFile}).");
        }
        this.keep = keep;
        (Models, Examples, Augmentations, Classes, Logits) = (models, examples, augmentations, classes, logits);
        Labels = labels.Select(y => (int)y).ToArray();
    }

    /// <summary>Whether example <paramref name="example"/> trained model <paramref name="model"/>.</summary>
    public bool IsIn(int model, int example) => keep[model * Examples + example];

    /// <summary>The C logits of one model on one example under one query.</summary>
    public ReadOnlySpan<float> LogitsOf(int model, int example, int augmentation) =>
        Logits.AsSpan(((model * Examples + example) * Augmentations + augmentation) * Classes, Classes);

    /// <summary>The keep mask as [M, N].</summary>
    public bool[,] Keep()
    {
        var copy = new bool[Models, Examples];
        Buffer.BlockCopy(keep, 0, copy, 0, keep.Length);
        return copy;
    }

    /// <summary>The same logits and labels with another keep mask, e.g. a shuffled one (the control: every attack at chance).</summary>
    public ScoreSet WithKeep(bool[,] other)
    {
        if (other.GetLength(0) != Models || other.GetLength(1) != Examples)
            throw new ArgumentException($"A keep mask for {Source} is [M, N] = [{Models}, {Examples}], not [{other.GetLength(0)}, {other.GetLength(1)}].");
        return new(Flatten(other), Models, Examples, Logits, Augmentations, Classes, Labels.Select(y => (long)y).ToArray(), Source) { PhiOnly = PhiOnly };
    }

    /// <summary>How many examples model <paramref name="model"/> trained on.</summary>
    public int MemberCount(int model)
    {
        var count = 0;
        for (var n = 0; n < Examples; n++)
            if (IsIn(model, n)) count++;
        return count;
    }

    /// <summary>How many models example <paramref name="example"/> trained (counted once per set: every attack asks per
    /// target and example).</summary>
    public int InCount(int example)
    {
        inCounts ??= Enumerable.Range(0, Examples).Select(n =>
        {
            var count = 0;
            for (var m = 0; m < Models; m++)
                if (IsIn(m, n)) count++;
            return count;
        }).ToArray();
        return inCounts[example];
    }

    int[]? inCounts;

    /// <summary>
    /// Every example is IN for at least one model and OUT for at least one: what an attack that fits both an IN and an
    /// OUT distribution per example needs (LiRA online). Throws naming the first offending examples.
    /// </summary>
    public void RequireInAndOut()
    {
        var never = Enumerable.Range(0, Examples).Select(n => (n, ins: InCount(n))).Where(e => e.ins == 0 || e.ins == Models).ToList();
        if (never.Count > 0)
            throw new ArgumentException($"{Named(KeepFile)}: {never.Count} example(s) are never IN or never OUT, e.g. " +
                string.Join(", ", never.Take(5).Select(e => $"example {e.n} ({(e.ins == 0 ? "never IN" : "never OUT")})")) +
                $" of {Models} models. Each example must train some models and not others: train each model on a random half of the pool.");
    }

    /// <summary>
    /// Every example is IN for exactly half of the models (Carlini et al.'s balanced keep masks), where an experiment asks
    /// for that. Throws naming the first offending examples.
    /// </summary>
    public void RequireBalanced()
    {
        if (Models % 2 != 0)
            throw new ArgumentException($"{Named(KeepFile)} has {Models} models: a balanced mask (every example IN for exactly half) needs an even number.");
        var off = Enumerable.Range(0, Examples).Select(n => (n, ins: InCount(n))).Where(e => e.ins != Models / 2).ToList();
        if (off.Count > 0)
            throw new ArgumentException($"{Named(KeepFile)} is not balanced: {off.Count} example(s) are not IN for exactly {Models / 2} of {Models} models, e.g. " +
                string.Join(", ", off.Take(5).Select(e => $"example {e.n} IN for {e.ins}")) +
                ". Draw the mask so each column has M/2 trues (e.g. per example, a random permutation of the models' halves).");
    }

    /// <summary>Reads keep.npy, logits.npy and labels.npy from <paramref name="folder"/>; errors name the file and the fix.</summary>
    public static ScoreSet Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new OutputStoreException($"{folder} does not exist: pass the folder holding {KeepFile}, {LogitsFile} and {LabelsFile}.");
        var keepPath = Existing(folder, KeepFile);
        var logitsPath = Existing(folder, LogitsFile);
        var labelsPath = Existing(folder, LabelsFile);
        RequireDescr(keepPath, ["|b1"], "bool (keep.astype(bool))");
        RequireDescr(logitsPath, ["<f4"], "float32 (logits.astype(np.float32))");
        var labelsDescr = RequireDescr(labelsPath, ["<i8", "<i4"], "int64 or int32 (labels.astype(np.int64))");

        var keep = Npy.Read<bool>(keepPath);
        var logits = Npy.Read<float>(logitsPath);
        var (labelShape, labels) = ReadLabels(labelsPath, labelsDescr);

        if (keep.Shape.Length != 2)
            throw new OutputStoreException($"{keepPath} is {Shape(keep.Shape)} but must be [M, N]; {Format}.");
        if (logits.Shape.Length != 4)
            throw new OutputStoreException($"{logitsPath} is {Shape(logits.Shape)} but must be [M, N, A, C] (add a query axis of 1 for plain images only: " +
                $"logits[:, :, None, :]); {Format}.");
        if (labelShape.Length != 1)
            throw new OutputStoreException($"{labelsPath} is {Shape(labelShape)} but must be [N]; {Format}.");
        long m = keep.Shape[0], n = keep.Shape[1];
        if (logits.Shape[0] != m || logits.Shape[1] != n)
            throw new OutputStoreException($"{logitsPath} is {Shape(logits.Shape)} but {keepPath} is {Shape(keep.Shape)}: the logits' first two axes " +
                $"must be the keep mask's [M, N], same models and examples in the same order; {Format}.");
        if (labelShape[0] != n)
            throw new OutputStoreException($"{labelsPath} is {Shape(labelShape)} but {keepPath} is {Shape(keep.Shape)}: one label per example (N = {n}); {Format}.");
        try
        {
            return new(keep.Data, (int)m, (int)n, logits.Data, (int)logits.Shape[2], (int)logits.Shape[3], labels, folder);
        }
        catch (ArgumentException e)
        {
            throw new OutputStoreException(e.Message);
        }
    }

    static (long[] Shape, long[] Labels) ReadLabels(string path, string descr)
    {
        if (descr == "<i8")
        {
            var wide = Npy.Read<long>(path);
            return (wide.Shape, wide.Data);
        }
        var narrow = Npy.Read<int>(path);
        return (narrow.Shape, narrow.Data.Select(y => (long)y).ToArray());
    }

    string Named(string file) => Source == "in memory" ? file : Path.Combine(Source, file);

    static string Existing(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) throw new OutputStoreException($"{path} is missing: the folder needs {KeepFile}, {LogitsFile} and {LabelsFile}; {Format}.");
        return path;
    }

    static string RequireDescr(string path, string[] accepted, string what)
    {
        var descr = Npy.DescrOf(path);
        if (!accepted.Contains(descr))
            throw new OutputStoreException($"{path} holds dtype '{descr}' but must be {what}; {Format}.");
        return descr;
    }

    static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    static bool[] Flatten(bool[,] keep)
    {
        var flat = new bool[keep.Length];
        Buffer.BlockCopy(keep, 0, flat, 0, keep.Length); // a bool[,] is row-major, the same order as C-order [M, N]
        return flat;
    }
}
