using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.IO;
using MiaRepro.Outputs;
using MiaRepro.Training;
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

    public sealed record Result(ScoreSet Set, string SetFolder, int Trained, int Cached, IReadOnlyList<(double Train, double Test)> Accuracies);

    /// <summary>Init seed of member m of the set with seed <paramref name="seed"/>: distinct members, distinct inits.</summary>
    public static int MemberSeed(int seed, int member) => 1000 * seed + member;

    public Result Build(Dataset dataset, SplitManifest split, bool[,] keep, ExperimentSpec spec, int seed)
    {
        var part = split.Parts[LiraSpec.PoolPart];
        var pool = split.Select(dataset, LiraSpec.PoolPart);
        using var x = spec.Training.Preprocessing.Apply(pool.Features);
        var data = pool with { Features = x };
        var labels = pool.Labels.to(int64, CPU).data<long>().ToArray();
        var augmentations = QueryAugmentation.ParseList(spec.Lira.Augmentations);
        // The pool and the views name the stored outputs: another pool or query list is another entry.
        var poolKey = JobKey.Of(new { split = split.Hash(), augmentations });
        var (models, examples) = (keep.GetLength(0), keep.GetLength(1));
        if (examples != labels.Length) throw new ArgumentException($"The keep mask has {examples} examples but the pool {labels.Length}.");

        var logits = new float[(long)models * examples * augmentations.Count * pool.Classes];
        var keys = new List<string>();
        var accuracies = new List<(double, double)>();
        int trained = 0, cached = 0;
        for (var m = 0; m < models; m++)
        {
            var inPos = BalancedKeep.Examples(keep, m, true).Select(n => (long)n).ToArray();
            var outPos = BalancedKeep.Examples(keep, m, false).Select(n => (long)n).ToArray();
            var memberSeed = MemberSeed(seed, m);
            // Keyed by its examples (dataset indices), not by the mask: every claim with the same pool and mask shares it.
            var job = new TrainingJob
            {
                DatasetSha256 = dataset.Sha256, Members = TrainingJob.Examples(part.From, inPos.Select(p => part.Indices[p]).ToArray()),
                NonMembers = TrainingJob.Examples(part.From, outPos.Select(p => part.Indices[p]).ToArray()),
                Model = spec.Model, Training = spec.Training, Seed = memberSeed,
            };
            var ins = data.Select(inPos);
            var outs = data.Select(outPos);
            var member = cache.GetOrTrain(job,
                () => { torch.manual_seed(memberSeed); return spec.Model.Build(x.shape[1..], pool.Classes); },
                model => new Trainer(spec.Training, device) { OnEpoch = e => OnEpoch?.Invoke($"seed {seed} member {m}/{models}", e) }.Train(model, ins, outs, memberSeed));
            if (member.FromCache) cached++; else trained++;
            ins.Features.Dispose(); ins.Labels.Dispose(); outs.Features.Dispose(); outs.Labels.Dispose();
            accuracies.Add((member.History[^1].TrainAccuracy, member.History[^1].TestAccuracy));

            var key = $"{member.Key}-pool-{poolKey[..12]}";
            if (!store.Has(key))
                store.Write(new ModelOutputs(key, LiraSpec.PoolPart, ModelQuery.Logits(member.Model, x, augmentations, 500, device), pool.Classes, labels, augmentations),
                    provenance, dataset.Sha256, poolKey);
            member.Model.Dispose();
            var stored = store.Read(key, dataset.Sha256, poolKey);
            if (!stored.Labels.AsSpan().SequenceEqual(labels))
                throw new OutputStoreException($"{store.DirectoryOf(key)} holds outputs whose labels are not this pool's; delete the folder and rerun.");
            stored.Logits.CopyTo(logits, (long)m * stored.Logits.Length);
            keys.Add(key);
            AfterMember?.Invoke(m);
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
