using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.IO;
using MiaRepro.Outputs;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// The many-model stages of one keep mask: each of the M members trained on its IN half of the pool through the model
/// store (its own entry, so an interrupted run resumes at the first missing member and a later run reuses them all),
/// its logits on the whole pool under every query stored in the output store as soon as it is done, and the
/// <see cref="ScoreSet"/> assembled from what is read back. The set is also written as a folder `miarepro score
/// --outputs` reads (keep.npy, logits.npy, labels.npy), so the attacks rerun without this code.
/// </summary>
public sealed class LiraMembers(ModelCache cache, OutputStore store, OutputProvenance provenance, Device device)
{
    public Action<string, EpochRecord>? OnEpoch { get; init; }

    /// <summary>Told after member m is stored with its outputs (tests interrupt a run here).</summary>
    public Action<int>? AfterMember { get; init; }

    /// <summary>How the missing members are trained (<see cref="EnsembleStrategies.Choose"/>); the models are the same.</summary>
    public EnsembleStrategy Strategy { get; init; } = EnsembleStrategy.OneAtATime;

    public int Workers { get; init; } = Environment.ProcessorCount;

    public int GroupSize { get; init; } = 64;

    public sealed record Result(ScoreSet Set, string SetFolder, int Trained, int Cached, IReadOnlyList<(double Train, double Test, double? Epsilon)> Accuracies);

    /// <summary>Init seed of member m of the set with seed <paramref name="seed"/>: distinct members, distinct inits.</summary>
    public static int MemberSeed(int seed, int member) => 1000 * seed + member;

    /// <summary>The M members' jobs of one keep mask (what <see cref="Build"/> trains, and what a plan counts).</summary>
    public static IReadOnlyList<MemberJob> Jobs(string datasetSha256, SplitManifest split, bool[,] keep, ExperimentSpec spec, int seed, PoolCanaries? canaries = null)
    {
        var part = split.Parts[LiraSpec.PoolPart];
        return Enumerable.Range(0, keep.GetLength(0)).Select(m =>
        {
            var inPos = BalancedKeep.Examples(keep, m, true).Select(n => (long)n).ToArray();
            var outPos = BalancedKeep.Examples(keep, m, false).Select(n => (long)n).ToArray();
            // Keyed by its examples (dataset indices), not by the mask: every claim with the same pool and mask shares it.
            var job = new TrainingJob
            {
                DatasetSha256 = datasetSha256, Members = TrainingJob.Examples(part.From, inPos.Select(p => part.Indices[p]).ToArray()),
                NonMembers = TrainingJob.Examples(part.From, outPos.Select(p => part.Indices[p]).ToArray()),
                Model = spec.Model, Training = spec.Training, Seed = MemberSeed(seed, m), Canaries = canaries?.Job,
            };
            return new MemberJob(job, inPos, outPos, MemberSeed(seed, m));
        }).ToList();
    }

    /// <summary>The pool as every member sees it: preprocessed inputs, the labels it trains on (canaries relabelled),
    /// the query views, and the key naming the stored outputs (another pool or query list is another entry).</summary>
    sealed record Pool(LabelledData Data, long[] Labels, IReadOnlyList<string> Augmentations, string Key) : IDisposable
    {
        public void Dispose() { Data.Features.Dispose(); Data.Labels.Dispose(); }
    }

    static Pool PoolOf(Dataset dataset, SplitManifest split, ExperimentSpec spec, PoolCanaries? canaries)
    {
        var pool = split.Select(dataset, LiraSpec.PoolPart);
        var labels = pool.Labels.to(int64, CPU).data<long>().ToArray();
        if (canaries is not null) labels = canaries.Relabel(labels);
        var augmentations = QueryAugmentation.ParseList(spec.Lira.Augmentations);
        return new(pool with { Features = spec.Training.Preprocessing.Apply(pool.Features), Labels = tensor(labels, int64) }, labels, augmentations,
            JobKey.Of(new { split = split.Hash(), augmentations }));
    }

    public Result Build(Dataset dataset, SplitManifest split, bool[,] keep, ExperimentSpec spec, int seed, PoolCanaries? canaries = null)
    {
        using var pool = PoolOf(dataset, split, spec, canaries);
        var x = pool.Data.Features;
        var (models, examples) = (keep.GetLength(0), keep.GetLength(1));
        if (examples != pool.Labels.Length) throw new ArgumentException($"The keep mask has {examples} examples but the pool {pool.Labels.Length}.");
        var keys = new string[models];
        var accuracies = new (double, double, double?)[models];
        int trained = 0, cached = 0;
        var jobs = Jobs(dataset.Sha256, split, keep, spec, seed, canaries);
        nn.Module<Tensor, Tensor> Build(MemberJob _) => spec.Model.Build(x.shape[1..], pool.Data.Classes);

        var missing = new List<int>();
        for (var m = 0; m < models; m++)
        {
            if (cache.TryGet(jobs[m].Job, () => { torch.manual_seed(jobs[m].Seed); return Build(jobs[m]); }) is { } member) { cached++; Stored(dataset, pool, m, member, keys, accuracies); }
            else missing.Add(m);
        }
        // Each member's wall time is the time since the previous one was stored: its share when members train side by side.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        new ManyModelTrainer(spec.Training, device, Strategy) { Workers = Workers, GroupSize = GroupSize, OnEpoch = (i, e) => OnEpoch?.Invoke($"seed {seed} member {missing[i]}/{models}", e) }
            .Train(pool.Data, missing.Select(m => jobs[m]).ToList(), Build, (i, model, history) =>
            {
                trained++;
                var took = clock.Elapsed;
                Stored(dataset, pool, missing[i], cache.Put(jobs[missing[i]].Job, model, history, took), keys, accuracies);
                clock.Restart();
            });
        return Assemble(dataset, pool, keep, keys, trained, cached, accuracies, "models");
    }

    /// <summary>lira:distillation: member m is a student (<see cref="Distillation.StudentJob"/>) of <paramref name="teachers"/>'
    /// member m, fitted on the same IN half to the teacher's logits there (read from the teachers' set), tested on its OUT half.</summary>
    public Result Distil(Dataset dataset, SplitManifest split, bool[,] keep, ExperimentSpec spec, int seed, Result teachers, PoolCanaries? canaries = null)
    {
        var temperature = spec.Lira.Distillation?.Temperature ?? throw new ArgumentException("Distil needs lira:distillation.");
        using var pool = PoolOf(dataset, split, spec, canaries);
        var (models, t) = (keep.GetLength(0), teachers.Set);
        var keys = new string[models];
        var accuracies = new (double, double, double?)[models];
        int trained = 0, cached = 0;
        foreach (var (job, m) in Jobs(dataset.Sha256, split, keep, spec, seed, canaries).Select((j, m) => (j, m)))
        {
            // The teacher's plain-view logits on the IN half, as it released them.
            Tensor TeacherLogits() => tensor(job.In.SelectMany(n => t.LogitsOf(m, (int)n, 0).ToArray()).ToArray(), [job.In.Length, t.Classes]);
            var (model, wasTrained) = Distillation.Student(cache, Distillation.StudentJob(job.Job, temperature), TeacherLogits,
                pool.Data.Select(job.In), pool.Data.Select(job.Out), device, e => OnEpoch?.Invoke($"seed {seed} student {m}/{models}", e));
            if (wasTrained) trained++; else cached++;
            Stored(dataset, pool, m, model, keys, accuracies);
        }
        return Assemble(dataset, pool, keep, keys, trained, cached, accuracies, $"students (T = {temperature:G})");
    }

    /// <summary>A member's outputs on the whole pool go to the output store as soon as the member is stored.</summary>
    void Stored(Dataset dataset, Pool pool, int m, TrainedModel member, string[] keys, (double, double, double?)[] accuracies)
    {
        accuracies[m] = (member.History[^1].TrainAccuracy, member.History[^1].TestAccuracy, member.History[^1].Privacy?.Epsilon);
        keys[m] = $"{member.Key}-pool-{pool.Key[..12]}";
        if (!store.Has(keys[m]))
            store.Write(new ModelOutputs(keys[m], LiraSpec.PoolPart, ModelQuery.Logits(member.Model, pool.Data.Features, pool.Augmentations, 500, device), pool.Data.Classes, pool.Labels, pool.Augmentations),
                provenance, dataset.Sha256, pool.Key);
        member.Model.Dispose();
        AfterMember?.Invoke(m);
    }

    /// <summary>The members' stored outputs read back into one set, also written as a folder `miarepro score` reads.</summary>
    Result Assemble(Dataset dataset, Pool pool, bool[,] keep, string[] keys, int trained, int cached, (double, double, double?)[] accuracies, string what)
    {
        var (models, examples, classes) = (keep.GetLength(0), keep.GetLength(1), pool.Data.Classes);
        var logits = new float[(long)models * examples * pool.Augmentations.Count * classes];
        for (var m = 0; m < models; m++)
        {
            var stored = store.Read(keys[m], dataset.Sha256, pool.Key);
            if (!stored.Labels.AsSpan().SequenceEqual(pool.Labels))
                throw new OutputStoreException($"{store.DirectoryOf(keys[m])} holds outputs whose labels are not this pool's; delete the folder and rerun.");
            stored.Logits.CopyTo(logits, (long)m * stored.Logits.Length);
        }
        var set = new ScoreSet(keep, logits, pool.Augmentations.Count, classes, pool.Labels, $"lira set of {models} {what} on {examples} pool examples");
        var folder = Path.Combine(store.Root, $"lira-{JobKey.Of(keys)[..16]}");
        WriteSet(folder, keep, set);
        return new(set, folder, trained, cached, accuracies);
    }

    /// <summary>The set as `miarepro score --outputs` takes it (<see cref="ScoreSet.Format"/>).</summary>
    static void WriteSet(string folder, bool[,] keep, ScoreSet set) =>
        AtomicFile.ReplaceDirectory(folder, staging =>
        {
            OutputStore.WriteKeep(staging, keep);
            Npy.Write(Path.Combine(staging, ScoreSet.LogitsFile), [set.Models, set.Examples, set.Augmentations, set.Classes], set.Logits);
            Npy.Write(Path.Combine(staging, ScoreSet.LabelsFile), [set.Examples], set.Labels.Select(y => (long)y).ToArray());
        });
}
