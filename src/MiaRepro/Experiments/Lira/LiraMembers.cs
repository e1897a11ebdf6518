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

    public Result Build(Dataset dataset, SplitManifest split, bool[,] keep, ExperimentSpec spec, int seed, PoolCanaries? canaries = null)
    {
        var pool = split.Select(dataset, LiraSpec.PoolPart);
        using var x = spec.Training.Preprocessing.Apply(pool.Features);
        var labels = pool.Labels.to(int64, CPU).data<long>().ToArray();
        if (canaries is not null) labels = canaries.Relabel(labels);
        using var trainLabels = tensor(labels, int64);
        var data = pool with { Features = x, Labels = trainLabels };
        var augmentations = QueryAugmentation.ParseList(spec.Lira.Augmentations);
        // The pool and the views name the stored outputs: another pool or query list is another entry.
        var poolKey = JobKey.Of(new { split = split.Hash(), augmentations });
        var (models, examples) = (keep.GetLength(0), keep.GetLength(1));
        if (examples != labels.Length) throw new ArgumentException($"The keep mask has {examples} examples but the pool {labels.Length}.");

        var logits = new float[(long)models * examples * augmentations.Count * pool.Classes];
        var keys = new string[models];
        var accuracies = new (double, double, double?)[models];
        int trained = 0, cached = 0;
        var jobs = Jobs(dataset.Sha256, split, keep, spec, seed, canaries);
        nn.Module<Tensor, Tensor> Build(MemberJob _) => spec.Model.Build(x.shape[1..], pool.Classes);

        // A member's outputs on the whole pool go to the output store as soon as the member is stored.
        void Stored(int m, TrainedModel member)
        {
            accuracies[m] = (member.History[^1].TrainAccuracy, member.History[^1].TestAccuracy, member.History[^1].Privacy?.Epsilon);
            keys[m] = $"{member.Key}-pool-{poolKey[..12]}";
            if (!store.Has(keys[m]))
                store.Write(new ModelOutputs(keys[m], LiraSpec.PoolPart, ModelQuery.Logits(member.Model, x, augmentations, 500, device), pool.Classes, labels, augmentations),
                    provenance, dataset.Sha256, poolKey);
            member.Model.Dispose();
            AfterMember?.Invoke(m);
        }

        var missing = new List<int>();
        for (var m = 0; m < models; m++)
        {
            if (cache.TryGet(jobs[m].Job, () => { torch.manual_seed(jobs[m].Seed); return Build(jobs[m]); }) is { } member) { cached++; Stored(m, member); }
            else missing.Add(m);
        }
        // Each member's wall time is the time since the previous one was stored: its share when members train side by side.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        new ManyModelTrainer(spec.Training, device, Strategy) { Workers = Workers, GroupSize = GroupSize, OnEpoch = (i, e) => OnEpoch?.Invoke($"seed {seed} member {missing[i]}/{models}", e) }
            .Train(data, missing.Select(m => jobs[m]).ToList(), Build, (i, model, history) =>
            {
                trained++;
                var took = clock.Elapsed;
                Stored(missing[i], cache.Put(jobs[missing[i]].Job, model, history, took));
                clock.Restart();
            });

        for (var m = 0; m < models; m++)
        {
            var stored = store.Read(keys[m], dataset.Sha256, poolKey);
            if (!stored.Labels.AsSpan().SequenceEqual(labels))
                throw new OutputStoreException($"{store.DirectoryOf(keys[m])} holds outputs whose labels are not this pool's; delete the folder and rerun.");
            stored.Logits.CopyTo(logits, (long)m * stored.Logits.Length);
        }
        var set = new ScoreSet(keep, logits, augmentations.Count, pool.Classes, labels, $"lira set of {models} models on {examples} pool examples");
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
