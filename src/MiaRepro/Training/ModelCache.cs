using MiaRepro.IO;
using MiaRepro.Training.Sharding;
using System.Security.Cryptography;
using System.Text.Json;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Trained models on disk, one folder per <see cref="TrainingJob"/> named by its key (<see cref="JobKey"/>), so a target
/// is trained once and every claim that needs it reuses it. An entry holds the weights, the job, the history and the
/// model's <see cref="TrainingProvenance"/>; it is written atomically with the files' sha256, and one that fails its check
/// or does not load is deleted and retrained, never used.
/// </summary>
/// <param name="provenance">This process's environment (device, libtorch, machine, commit), stamped with the time each
/// model is stored.</param>
public sealed class ModelCache(string root, TrainingProvenance provenance)
{
    public string Root { get; } = root;

    /// <summary>Told when an entry is found corrupt (it is then retrained).</summary>
    public Action<string>? OnCorrupt { get; init; }

    /// <summary>Told of every model handed out, trained now or loaded (a run records where its models were trained).</summary>
    public Action<TrainedModel>? OnModel { get; init; }

    /// <summary>Which jobs this process may get or train (null: all): a sharded run's or a merge's (<see cref="IJobGate"/>).
    /// Asked here because every model of every kind is trained or loaded through <see cref="TryGet"/>.</summary>
    public IJobGate? Gate { get; init; }

    public TrainedModel GetOrTrain(TrainingJob job, Func<nn.Module<Tensor, Tensor>> build, Func<nn.Module<Tensor, Tensor>, IReadOnlyList<EpochRecord>> train)
    {
        if (TryGet(job, build) is { } stored) return stored;
        var model = build();
        IReadOnlyList<EpochRecord> history;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try { history = train(model); }
        catch (TrainingDivergedException e) when (e.JobKey is null) { throw e.ForJob(job); }
        return Put(job, model, history, clock.Elapsed);
    }

    /// <summary>The stored model of <paramref name="job"/>, or null when there is none (or it failed its check and was deleted).</summary>
    public TrainedModel? TryGet(TrainingJob job, Func<nn.Module<Tensor, Tensor>> build)
    {
        var key = job.Key();
        if (Gate is { } gate && !gate.Owns(job, key)) return Handed(StandIn(key, build));
        var dir = Path.Combine(Root, key);
        var loaded = Directory.Exists(dir) ? TryLoad(dir, build) : null;
        if (loaded is null)
        {
            Gate?.Missing(key);
            return null;
        }
        Gate?.Found(key);
        return Handed(new(loaded.Value.Model, loaded.Value.Entry.History, true, key, loaded.Value.Entry.Provenance));
    }

    /// <summary>Another shard's job: an untrained model of the job's architecture with a one-epoch history of zeros, stored
    /// nowhere, so the kind's run goes on; a sharded run writes neither results nor outputs, so nothing measured on it is kept.</summary>
    TrainedModel StandIn(string key, Func<nn.Module<Tensor, Tensor>> build) =>
        new(build(), [new EpochRecord(0, 0, 0, 0, 0)], true, key, provenance);

    /// <summary>Stores <paramref name="model"/>, trained now by <paramref name="job"/> (a many-model run stores each member as
    /// it finishes), with its steps (when the history is a <see cref="TrainingHistory"/>) and its training's wall time.</summary>
    public TrainedModel Put(TrainingJob job, nn.Module<Tensor, Tensor> model, IReadOnlyList<EpochRecord> history, TimeSpan? trainTime = null)
    {
        var key = job.Key();
        var stamped = provenance with
        {
            CreatedUtc = DateTimeOffset.UtcNow, ModelSteps = (history as TrainingHistory)?.Steps,
            TrainSeconds = trainTime is { } t ? Math.Round(t.TotalSeconds, 3) : null,
        };
        Store(Path.Combine(Root, key), model, new Entry(history.ToList(), JsonSerializer.SerializeToElement(job, Json), stamped));
        Gate?.Trained(key);
        return Handed(new(model, history, false, key, stamped));
    }

    TrainedModel Handed(TrainedModel model)
    {
        OnModel?.Invoke(model);
        return model;
    }

    /// <summary>Where, when and by which commit the stored model with <paramref name="key"/> was trained; null when there is
    /// no such entry or it fails its check.</summary>
    public TrainingProvenance? Provenance(string key) => StoredProvenance(Root, key);

    /// <summary><see cref="Provenance"/> in the store at <paramref name="root"/>, without opening it for training (a plan
    /// counts what is stored before anything trains).</summary>
    public static TrainingProvenance? StoredProvenance(string root, string key)
    {
        var dir = Path.Combine(root, key);
        try { return Directory.Exists(dir) ? Verified(dir).Provenance : null; }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException or FormatException) { return null; }
    }

    (nn.Module<Tensor, Tensor> Model, Entry Entry)? TryLoad(string dir, Func<nn.Module<Tensor, Tensor>> build)
    {
        try
        {
            var entry = Verified(dir);
            var model = build();
            model.load(Path.Combine(dir, "model.bin"));
            model.eval();
            return (model, entry);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException or FormatException)
        {
            OnCorrupt?.Invoke($"Model cache entry '{dir}' is corrupt ({e.Message}); deleting it and retraining.");
            Directory.Delete(dir, recursive: true);
            return null;
        }
    }

    /// <summary>The entry, after every file's sha256 matched <see cref="SumsFile"/>.</summary>
    static Entry Verified(string dir)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(dir, SumsFile)))
        {
            var (expected, file) = (line[..64], line[66..]);
            var actual = Sha256(Path.Combine(dir, file));
            if (actual != expected) throw new InvalidDataException($"{file} has sha256 {actual}, {SumsFile} says {expected}");
        }
        var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(Path.Combine(dir, "entry.json")), Json)
                    ?? throw new InvalidDataException("entry.json is empty");
        return entry.Provenance is null ? throw new InvalidDataException("entry.json records no provenance") : entry;
    }

    static void Store(string dir, nn.Module<Tensor, Tensor> model, Entry entry)
    {
        AtomicFile.ReplaceDirectory(dir, staging =>
        {
            model.save(Path.Combine(staging, "model.bin"));
            File.WriteAllText(Path.Combine(staging, "entry.json"), JsonSerializer.Serialize(entry, Json));
            // sha256sum format; checked before anything is read back.
            File.WriteAllLines(Path.Combine(staging, SumsFile),
                new[] { "model.bin", "entry.json" }.Select(f => $"{Sha256(Path.Combine(staging, f))}  {f}"));
        });
    }

    const string SumsFile = "SHA256SUMS";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    sealed record Entry(List<EpochRecord> History, JsonElement Job, TrainingProvenance Provenance);
}
