using MiaRepro.IO;
using System.Security.Cryptography;
using System.Text.Json;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Trained models on disk, keyed by a hash of everything that determines them (model, training, preprocessing, dataset
/// checksum, split manifest, seed and <see cref="CodeVersion"/>), so a target is trained once and every claim that needs it
/// reuses it. Entries are written atomically with the weights' sha256; an entry that fails its check or does not load is
/// deleted and retrained, never used.
/// </summary>
public sealed class ModelCache(string root)
{
    /// <summary>Bump when training semantics change, so old entries stop matching.</summary>
    public const string CodeVersion = "training-v1";

    public string Root { get; } = root;

    /// <summary>Told when an entry is found corrupt (it is then retrained).</summary>
    public Action<string>? OnCorrupt { get; init; }

    public static string Key(object descriptor) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { CodeVersion, descriptor })))[..24];

    public (nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History, bool FromCache) GetOrTrain(
        object descriptor, Func<nn.Module<Tensor, Tensor>> build, Func<nn.Module<Tensor, Tensor>, IReadOnlyList<EpochRecord>> train)
    {
        var key = Key(descriptor);
        var dir = Path.Combine(Root, key);
        if (Directory.Exists(dir))
        {
            var loaded = TryLoad(dir, build);
            if (loaded is not null) return (loaded.Value.Model, loaded.Value.History, true);
        }
        var model = build();
        var history = train(model);
        Store(dir, model, history, descriptor);
        return (model, history, false);
    }

    (nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History)? TryLoad(string dir, Func<nn.Module<Tensor, Tensor>> build)
    {
        try
        {
            foreach (var line in File.ReadAllLines(Path.Combine(dir, SumsFile)))
            {
                var (expected, file) = (line[..64], line[66..]);
                var actual = Sha256(Path.Combine(dir, file));
                if (actual != expected) throw new InvalidDataException($"{file} has sha256 {actual}, {SumsFile} says {expected}");
            }
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(Path.Combine(dir, "entry.json")))
                        ?? throw new InvalidDataException("entry.json is empty");
            var weights = Path.Combine(dir, "model.bin");
            var model = build();
            model.load(weights);
            model.eval();
            return (model, entry.History);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException or FormatException)
        {
            OnCorrupt?.Invoke($"Model cache entry '{dir}' is corrupt ({e.Message}); deleting it and retraining.");
            Directory.Delete(dir, recursive: true);
            return null;
        }
    }

    static void Store(string dir, nn.Module<Tensor, Tensor> model, IReadOnlyList<EpochRecord> history, object descriptor)
    {
        AtomicFile.ReplaceDirectory(dir, staging =>
        {
            model.save(Path.Combine(staging, "model.bin"));
            File.WriteAllText(Path.Combine(staging, "entry.json"),
                JsonSerializer.Serialize(new Entry(history.ToList(), JsonSerializer.SerializeToElement(descriptor)), new JsonSerializerOptions { WriteIndented = true }));
            // sha256sum format; checked before anything is read back.
            File.WriteAllLines(Path.Combine(staging, SumsFile),
                new[] { "model.bin", "entry.json" }.Select(f => $"{Sha256(Path.Combine(staging, f))}  {f}"));
        });
    }

    const string SumsFile = "SHA256SUMS";

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    sealed record Entry(List<EpochRecord> History, JsonElement Descriptor);
}
