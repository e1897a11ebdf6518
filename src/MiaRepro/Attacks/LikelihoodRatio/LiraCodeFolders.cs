using System.Globalization;
using System.Text.RegularExpressions;
using MiaRepro.Outputs;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Reads an experiment folder of the LiRA reference code (tensorflow/privacy research/mi_lira_2021) as a
/// <see cref="ScoreSet"/>, so a researcher points `miarepro score` at it without converting: DIR/y_train.npy (the
/// labels, as train.py saves them) and one DIR/experiment-&lt;id&gt;_&lt;M&gt;/ per model with keep.npy (bool [N], train.py)
/// and logits/&lt;epoch&gt;.npy ([N, 1, A, C], inference.py), the last epoch by name as plot.py takes the last scores.
/// Where no model has logits but each has score.py's scores/&lt;epoch&gt;.npy (φ, [N, A]), the set holds φ only
/// (<see cref="ScoreSet.PhiOnly"/>; φ rounded to float32, as logits are stored) and only LiRA and the φ threshold run.
/// Models in the order of their experiment id. Every error names the file and the fix.
/// </summary>
public static partial class LiraCodeFolders
{
    public const string LabelsFile = "y_train.npy";

    /// <summary>Whether <paramref name="folder"/> is laid out as the reference code writes it (experiment-* folders).</summary>
    public static bool Is(string folder) => Directory.Exists(folder) && Experiments(folder).Count > 0;

    public static ScoreSet Load(string folder)
    {
        var experiments = Experiments(folder);
        if (experiments.Count == 0)
            throw new OutputStoreException($"{folder} has no experiment-* folders: the LiRA reference code's train.py writes one per model (--expid).");
        if (experiments.All(d => Last(d, "logits") is null && Last(d, "scores") is not null)) return LoadScores(experiments, folder);
        var labelsPath = Path.Combine(folder, LabelsFile);
        if (!File.Exists(labelsPath))
            throw new OutputStoreException($"{labelsPath} is missing: train.py saves the training labels there (np.save(logdir/y_train.npy)); copy it beside the experiment folders.");
        var labels = ReadLongs(labelsPath);
        var (keep, logits) = (new List<bool[]>(), new List<float[]>());
        long[]? shape = null;
        string? first = null;
        foreach (var dir in experiments)
        {
            var logitsPath = LastLogits(dir);
            var array = ReadFloats(logitsPath, out var logitShape);
            if (logitShape.Length != 4 || logitShape[1] != 1)
                throw new OutputStoreException($"{logitsPath} is [{string.Join(", ", logitShape)}] but inference.py writes [N, 1, A, C] (np.array(stats)[:, None, :, :]).");
            if (shape is not null && !shape.SequenceEqual(logitShape))
                throw new OutputStoreException($"{logitsPath} is [{string.Join(", ", logitShape)}] but {first} is [{string.Join(", ", shape)}]: every model must be queried " +
                    "on the same pool with the same augmentations (rerun inference.py with one --dataset_size and --aug for all).");
            (shape, first) = (shape ?? logitShape, first ?? logitsPath);
            var bad = Array.FindIndex(array, v => !float.IsFinite(v));
            if (bad >= 0)
                throw new OutputStoreException($"{logitsPath}: value {bad} (example {bad / (logitShape[2] * logitShape[3])}) is {array[bad]}: that model diverged. Retrain it or remove {dir}.");
            keep.Add(KeepRow(dir, logitShape[0], logitsPath));
            logits.Add(array);
        }
        var (n, a, c) = ((int)shape![0], (int)shape[2], (int)shape[3]);
        if (labels.Length < n)
            throw new OutputStoreException($"{labelsPath} has {labels.Length} labels but the logits have {n} examples: use the y_train.npy of the run that wrote them.");
        var mask2 = new bool[experiments.Count, n];
        for (var m = 0; m < experiments.Count; m++)
            for (var j = 0; j < n; j++) mask2[m, j] = keep[m][j];
        var all = new float[(long)experiments.Count * n * a * c];
        for (var m = 0; m < experiments.Count; m++) logits[m].CopyTo(all, (long)m * n * a * c);
        try
        {
            return new ScoreSet(mask2, all, a, c, labels[..n], folder);
        }
        catch (ArgumentException e)
        {
            throw new OutputStoreException(e.Message);
        }
    }

    /// <summary>score.py's φ of every model as a φ-only set: logits [φ, 0], label 0 (φ = z₀ − log e^{z₁} = φ exactly).</summary>
    static ScoreSet LoadScores(IReadOnlyList<string> experiments, string folder)
    {
        var (keep, phi) = (new List<bool[]>(), new List<double[]>());
        long[]? shape = null;
        string? first = null;
        foreach (var dir in experiments)
        {
            var scoresPath = Last(dir, "scores")!;
            if (Npy.DescrOf(scoresPath) != "<f8")
                throw new OutputStoreException($"{scoresPath} holds dtype '{Npy.DescrOf(scoresPath)}' but score.py writes float64 φ [N, A].");
            var array = Npy.Read<double>(scoresPath);
            if (array.Shape.Length != 2 || (shape is not null && !shape.SequenceEqual(array.Shape)))
                throw new OutputStoreException($"{scoresPath} is [{string.Join(", ", array.Shape)}] but score.py writes φ [N, A]" +
                    (shape is null ? "." : $", the same for every model ({first} is [{string.Join(", ", shape)}])."));
            (shape, first) = (shape ?? array.Shape, first ?? scoresPath);
            var bad = Array.FindIndex(array.Data, v => !double.IsFinite(v));
            if (bad >= 0) throw new OutputStoreException($"{scoresPath}: value {bad} is {array.Data[bad]}: that model diverged. Retrain it or remove {dir}.");
            keep.Add(KeepRow(dir, array.Shape[0], scoresPath));
            phi.Add(array.Data);
        }
        var (n, a) = ((int)shape![0], (int)shape[1]);
        var keepMatrix = new bool[experiments.Count, n];
        var logits = new float[(long)experiments.Count * n * a * 2];
        for (var m = 0; m < experiments.Count; m++)
            for (var j = 0; j < n; j++)
            {
                keepMatrix[m, j] = keep[m][j];
                for (var q = 0; q < a; q++) logits[(((long)m * n + j) * a + q) * 2] = (float)phi[m][j * a + q];
            }
        return new ScoreSet(keepMatrix, logits, a, 2, new long[n], folder) { PhiOnly = true };
    }

    /// <summary>A model's keep.npy (train.py's bool [N]) cut to the <paramref name="examples"/> its outputs cover, as
    /// plot.py cuts keep to scores.shape[1].</summary>
    static bool[] KeepRow(string dir, long examples, string outputsPath)
    {
        var keepPath = Path.Combine(dir, ScoreSet.KeepFile);
        if (!File.Exists(keepPath))
            throw new OutputStoreException($"{keepPath} is missing: train.py saves each model's keep mask (bool [N]) there; without it the model's members are unknown. Restore it or remove {dir}.");
        var mask = Npy.Read<bool>(keepPath);
        if (mask.Shape.Length != 1 || mask.Shape[0] < examples)
            throw new OutputStoreException($"{keepPath} is [{string.Join(", ", mask.Shape)}] but {outputsPath} has {examples} examples: keep.npy must cover them (bool [N]).");
        return mask.Data[..(int)examples];
    }

    /// <summary>The last .npy of <paramref name="dir"/>/<paramref name="sub"/> by name, or null.</summary>
    static string? Last(string dir, string sub)
    {
        var path = Path.Combine(dir, sub);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*.npy").Order(StringComparer.Ordinal).LastOrDefault() : null;
    }

    static List<string> Experiments(string folder) =>
        Directory.EnumerateDirectories(folder, "experiment*")
            .OrderBy(d => ExperimentId().Match(Path.GetFileName(d)) is { Success: true } id ? long.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture) : long.MaxValue)
            .ThenBy(d => d, StringComparer.Ordinal).ToList();

    static string LastLogits(string dir)
    {
        if (Last(dir, "logits") is { } last) return last;
        var hint = Directory.Exists(Path.Combine(dir, "scores"))
            ? " It has scores/ (score.py's φ): give every model scores/ (then LiRA runs on φ alone) or every model logits/."
            : "";
        throw new OutputStoreException($"{Path.Combine(dir, "logits")} has no .npy: run the reference code's inference.py (it writes logits/<epoch>.npy for each model).{hint}");
    }

    static float[] ReadFloats(string path, out long[] shape)
    {
        switch (Npy.DescrOf(path))
        {
            case "<f4":
                var f = Npy.Read<float>(path);
                shape = f.Shape;
                return f.Data;
            case "<f8":
                var d = Npy.Read<double>(path);
                shape = d.Shape;
                return d.Data.Select(v => (float)v).ToArray();
            case var other:
                throw new OutputStoreException($"{path} holds dtype '{other}' but logits must be float32 or float64.");
        }
    }

    static long[] ReadLongs(string path) => Npy.DescrOf(path) switch
    {
        "<i8" => Npy.Read<long>(path).Data,
        "<i4" => Npy.Read<int>(path).Data.Select(y => (long)y).ToArray(),
        var other => throw new OutputStoreException($"{path} holds dtype '{other}' but labels must be int64 or int32."),
    };

    [GeneratedRegex(@"^experiment-?(\d+)")]
    private static partial Regex ExperimentId();
}
