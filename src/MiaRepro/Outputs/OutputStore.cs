using System.Security.Cryptography;
using MiaRepro.IO;

namespace MiaRepro.Outputs;

/// <summary>
/// Stored model outputs: root/&lt;modelKey&gt;/{logits.npy [N, A, C] '&lt;f4', labels.npy [N] '&lt;i8', manifest.json}, and per
/// experiment keep.npy [M, N] '|b1'. Attacks rerun from here in seconds without a model; numpy opens the same files.
/// </summary>
public sealed class OutputStore(string root)
{
    public const string LogitsFile = "logits.npy";
    public const string LabelsFile = "labels.npy";
    public const string KeepFile = "keep.npy";

    public string Root { get; } = root;

    /// <summary>The store beside a model cache (&lt;cache&gt;/outputs), where every kind keeps its models' outputs.</summary>
    public static OutputStore InCache(string cacheRoot) => new(Path.Combine(cacheRoot, "outputs"));

    public string DirectoryOf(string modelKey) => Path.Combine(Root, modelKey);

    /// <summary>Whether a complete store (its manifest, written last) exists for the model; it is not verified here.</summary>
    public bool Has(string modelKey) => File.Exists(Path.Combine(DirectoryOf(modelKey), OutputManifest.FileName));

    /// <summary>Writes the model's files all at once: readers see the previous store or the new one, never a mix.</summary>
    public void Write(ModelOutputs outputs, OutputProvenance provenance, string datasetSha256, string splitManifestSha256) =>
        Write(outputs, provenance, datasetSha256, splitManifestSha256, beforeManifest: null);

    /// <summary><paramref name="beforeManifest"/> runs inside the staging folder after the arrays are written (tests interrupt there).</summary>
    internal void Write(ModelOutputs outputs, OutputProvenance provenance, string datasetSha256, string splitManifestSha256, Action<string>? beforeManifest)
    {
        AtomicFile.ReplaceDirectory(DirectoryOf(outputs.ModelKey), staging =>
        {
            long[] logitsShape = [outputs.N, outputs.A, outputs.C];
            long[] labelsShape = [outputs.N];
            Npy.Write(Path.Combine(staging, LogitsFile), logitsShape, outputs.Logits);
            Npy.Write(Path.Combine(staging, LabelsFile), labelsShape, outputs.Labels);
            beforeManifest?.Invoke(staging);
            var manifest = new OutputManifest(
                OutputManifest.CurrentFormatVersion, outputs.ModelKey, datasetSha256, splitManifestSha256, outputs.Pool,
                outputs.Augmentations,
                new Dictionary<string, OutputFileEntry>
                {
                    [LogitsFile] = new(logitsShape, Sha256Of(Path.Combine(staging, LogitsFile))),
                    [LabelsFile] = new(labelsShape, Sha256Of(Path.Combine(staging, LabelsFile))),
                },
                provenance);
            AtomicFile.WriteAllText(Path.Combine(staging, OutputManifest.FileName), manifest.ToJson());
        });
    }

    /// <summary>Reads a model's outputs, refusing any made for another dataset, split or format version, or altered since.</summary>
    public ModelOutputs Read(string modelKey, string expectedDatasetSha256, string expectedSplitManifestSha256)
    {
        var dir = DirectoryOf(modelKey);
        var manifestPath = Path.Combine(dir, OutputManifest.FileName);
        var manifest = OutputManifest.Load(manifestPath);
        Require(manifestPath, "formatVersion", manifest.FormatVersion, OutputManifest.CurrentFormatVersion, dir, "code version");
        Require(manifestPath, "modelKey", manifest.ModelKey, modelKey, dir, "model");
        Require(manifestPath, "datasetSha256", manifest.DatasetSha256, expectedDatasetSha256, dir, "dataset");
        Require(manifestPath, "splitManifestSha256", manifest.SplitManifestSha256, expectedSplitManifestSha256, dir, "split");

        var logits = ReadVerified<float>(dir, LogitsFile, manifest);
        var labels = ReadVerified<long>(dir, LabelsFile, manifest);
        if (logits.Shape.Length != 3 || labels.Shape.Length != 1 || logits.Shape[0] != labels.Shape[0] || logits.Shape[1] != manifest.Augmentations.Count)
            throw new OutputStoreException(
                $"{dir}: logits.npy is {Shape(logits.Shape)} and labels.npy {Shape(labels.Shape)} with {manifest.Augmentations.Count} augmentations; " +
                $"expected [N, A, C] and [N]. Delete {dir} and rerun.");
        try
        {
            return new ModelOutputs(modelKey, manifest.Pool, logits.Data, checked((int)logits.Shape[2]), labels.Data, manifest.Augmentations);
        }
        catch (ArgumentException e)
        {
            throw new OutputStoreException($"{dir} holds outputs that fail validation ({e.Message}). Delete {dir} and rerun.");
        }
    }

    /// <summary>Writes experimentDir/keep.npy: keep[m, n] is whether example n trained model m.</summary>
    public static void WriteKeep(string experimentDir, bool[,] keep)
    {
        var flat = new bool[keep.Length];
        Buffer.BlockCopy(keep, 0, flat, 0, keep.Length); // a bool[,] is row-major, the same order as C-order [M, N]
        Npy.Write(Path.Combine(experimentDir, KeepFile), [keep.GetLength(0), keep.GetLength(1)], flat);
    }

    /// <summary>Reads a keep mask and checks it is [models, examples] (the shape the logits imply).</summary>
    public static bool[,] ReadKeep(string path, int expectedModels, int expectedExamples)
    {
        var array = Npy.Read<bool>(path);
        if (array.Shape.Length != 2 || array.Shape[0] != expectedModels || array.Shape[1] != expectedExamples)
            throw new OutputStoreException(
                $"{path}: {Path.GetFileName(path)} is [M, N] = {Shape(array.Shape)} but the logits are for {expectedModels} models × {expectedExamples} examples; " +
                $"the mask belongs to another experiment. Delete {Path.GetDirectoryName(path)} and rerun.");
        var keep = new bool[expectedModels, expectedExamples];
        Buffer.BlockCopy(array.Data, 0, keep, 0, array.Data.Length);
        return keep;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    NpyArray<T> ReadVerified<T>(string dir, string file, OutputManifest manifest) where T : unmanaged
    {
        var path = Path.Combine(dir, file);
        if (!manifest.Files.TryGetValue(file, out var entry))
            throw new OutputStoreException($"{Path.Combine(dir, OutputManifest.FileName)} does not list {file}; delete {dir} and rerun.");
        if (!File.Exists(path)) throw new OutputStoreException($"{path} is missing; delete {dir} and rerun.");
        var actual = Sha256Of(path);
        if (actual != entry.Sha256)
            throw new OutputStoreException(
                $"{path}: {file} has sha256 {actual} but the manifest records {entry.Sha256}; the file changed after it was written. " +
                $"Delete {dir} and rerun.");
        var array = Npy.Read<T>(path);
        if (!array.Shape.SequenceEqual(entry.Shape))
            throw new OutputStoreException($"{path}: {file} is {Shape(array.Shape)} but the manifest records {Shape(entry.Shape)}; delete {dir} and rerun.");
        return array;
    }

    static void Require(string manifestPath, string field, string found, string expected, string dir, string what)
    {
        if (found != expected)
            throw new OutputStoreException(
                $"{manifestPath}: {field} is '{found}' but '{expected}' was expected; these outputs were made for another {what}: " +
                $"delete {dir} and rerun.");
    }

    static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
