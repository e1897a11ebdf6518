using System.Diagnostics;
using MiaRepro.Data;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using static TorchSharp.torch;

namespace MiaRepro.Outputs;

/// <summary>
/// Audited DP-SGD runs as stored stages: a run's model from the model store and its canary record from the
/// <see cref="CanaryStore"/>, or — when either is missing — the run trained with its canaries and both stored. A job
/// another shard owns (the store's <see cref="ModelCache.Gate"/>) is skipped: null.
/// </summary>
public sealed class CanaryRuns(ModelCache cache, CanaryStore store, Device device)
{
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    public int Trained { get; private set; }
    public int Cached { get; private set; }

    public (TrainedModel Model, CanaryRecord Record)? Get(TrainingJob job, CanaryPlacement placement, Func<nn.Module<Tensor, Tensor>> build,
        LabelledData members, LabelledData nonMembers, string label) =>
        Get(job, build, label, (net, trainer) =>
        {
            var canaries = placement.Canaries();
            var initial = placement.Read(net);
            var history = trainer(canaries).Train(net, members, nonMembers, job.Seed);
            return (history, new CanaryRecord(job.Key(), placement.Included, canaries.Observed, initial, placement.Read(net)));
        });

    /// <summary>The same for input-space canaries (mislabelled or out of distribution): trained on the members with the included canaries appended; the record's
    /// one observed row, and its <see cref="CanaryRecord.Final"/>, are each canary's loss under the final model
    /// (<see cref="CanaryRecord.Initial"/>: under the initial weights).</summary>
    public (TrainedModel Model, CanaryRecord Record)? Get(TrainingJob job, InputCanaries canaries, Func<nn.Module<Tensor, Tensor>> build,
        LabelledData members, LabelledData nonMembers, string label) =>
        Get(job, build, label, (net, trainer) =>
        {
            var initial = canaries.Losses(net, device);
            var history = trainer(null).Train(net, canaries.With(members), nonMembers, job.Seed);
            var final = canaries.Losses(net, device);
            return (history, new CanaryRecord(job.Key(), canaries.Included, [final], initial, final));
        });

    /// <summary>The stored model and record, or — when either is missing — <paramref name="train"/> run on a fresh
    /// model with the job's DP-SGD trainer (given the gradient canaries it inserts, if any), and both stored.</summary>
    (TrainedModel Model, CanaryRecord Record)? Get(TrainingJob job, Func<nn.Module<Tensor, Tensor>> build, string label,
        Func<nn.Module<Tensor, Tensor>, Func<GradientCanaries?, DpSgdTrainer>, (IReadOnlyList<EpochRecord> History, CanaryRecord Record)> train)
    {
        var key = job.Key();
        if (cache.Gate is { } gate && !gate.Owns(job, key)) return null;
        var model = cache.TryGet(job, build);
        var record = model is null ? null : store.TryRead(key);
        if (model is not null && record is not null)
        {
            Cached++;
            return (model, record);
        }
        model?.Model.Dispose();
        var net = build();
        var clock = Stopwatch.StartNew();
        var (history, trainedRecord) = train(net, canaries => new DpSgdTrainer(job.Training, device) { OnEpoch = e => OnEpoch?.Invoke(label, e), Canaries = canaries });
        var stored = cache.Put(job, net, history, clock.Elapsed);
        store.Write(trainedRecord);
        Trained++;
        return (stored, trainedRecord);
    }
}
