using MiaRepro.Metrics;
using MiaRepro.Data;
using MiaRepro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>
/// Trains the grid variant × λ × seed on the split's members, measuring train and test accuracy per epoch.
/// Every model goes through the cache, so claims sharing the grid (gap, monotonicity, table) train it once.
/// </summary>
public sealed class L2SweepRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<SweepCell>? OnCell { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    /// <summary>When set, each trained (or cached) model's logits on the members and non-members, with their labels, read
    /// from the output store (<see cref="SweepOutputs"/>): what attacks consume. The tensors are disposed after the call.</summary>
    public Action<SweepCell, LabelledData, LabelledData>? OnLogits { get; init; }
    /// <summary>Told of every model the run uses, from the store (its provenance goes to run.json).</summary>
    public Action<TrainedModel>? OnModel { get; init; }

    public (IReadOnlyList<SweepCell> Cells, SplitManifest Split) Run(IReadOnlyList<ExperimentSpec> variants)
    {
        var (dataset, split, members, nonMembers, device, cache, commit) = SweepData.Load(settings, variants[0], Log, OnModel);
        var cells = new List<SweepCell>();
        var outputs = new SweepOutputs(settings.Cache, dataset.Sha256, split, commit);

        foreach (var spec in variants)
        {
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xTest = spec.Training.Preprocessing.Apply(nonMembers.Features);
            var train = members with { Features = x };
            var test = nonMembers with { Features = xTest };
            foreach (var lambda in spec.Lambdas)
            foreach (var seed in spec.Seeds)
            {
                var label = $"{spec.Variant} λ={lambda:G} seed {seed}";
                var (model, history, fromCache, modelKey, _) = TrainOrLoad(cache, dataset.Sha256, split, spec, lambda, seed, train, test, device,
                    e => OnEpoch?.Invoke(label, e));
                var last = history[^1];
                var cell = new SweepCell(spec.Variant, lambda, seed, last.TrainAccuracy, last.TestAccuracy, history, fromCache, modelKey);
                if (OnLogits is not null)
                {
                    var (memberOutputs, nonMemberOutputs) = outputs.Get(modelKey, model, train, test, device);
                    using (memberOutputs.Features) using (memberOutputs.Labels) using (nonMemberOutputs.Features) using (nonMemberOutputs.Labels)
                        OnLogits(cell, memberOutputs, nonMemberOutputs);
                }
                model.Dispose();
                cells.Add(cell);
                OnCell?.Invoke(cell);
            }
        }
        return (cells, split);
    }

    /// <summary>
    /// The sweep's model for (<paramref name="spec"/>'s variant, λ, seed) on preprocessed members: from the cache, or
    /// trained and stored. The cache key is what every claim on these targets shares (the defense matrix included).
    /// </summary>
    public static TrainedModel TrainOrLoad(ModelCache cache, string datasetSha256, SplitManifest split, ExperimentSpec spec, double lambda, int seed,
        LabelledData train, LabelledData test, Device device, Action<EpochRecord>? onEpoch)
    {
        var job = Job(datasetSha256, split, spec, lambda, seed);
        return cache.GetOrTrain(job,
            () => { torch.manual_seed(seed); return spec.Model.Build(train.Features.shape[1..], train.Classes); },
            m => new Trainer(job.Training, device) { OnEpoch = onEpoch }.Train(m, train, test, seed));
    }

    /// <summary>The grid's models as <see cref="Run"/> trains them (variant × λ × seed on the split's members), for a plan.</summary>
    public static IReadOnlyList<PlannedModel> Planned(IReadOnlyList<ExperimentSpec> variants, Dataset dataset)
    {
        var split = SplitManifest.Create(dataset, variants[0].Split, variants[0].SplitSeed);
        var members = split.Parts["members"].Indices.Length;
        return [.. from spec in variants from lambda in spec.Lambdas from seed in spec.Seeds
                   select new PlannedModel(Job(dataset.Sha256, split, spec, lambda, seed), members)];
    }

    /// <summary>What determines a sweep model: trained on the split's members at λ (in its training's L2), tested on its non-members.</summary>
    public static TrainingJob Job(string datasetSha256, SplitManifest split, ExperimentSpec spec, double lambda, int seed) => new()
    {
        DatasetSha256 = datasetSha256, SplitHash = split.Hash(), Members = "members", NonMembers = "nonMembers",
        Model = spec.Model, Training = Copy(spec.Training, lambda), Seed = seed,
    };

    public static TrainingSpec Copy(TrainingSpec t, double lambda)
    {
        var copy = t.Clone();
        copy.L2 = new L2Regularization { Lambda = lambda, Mode = t.L2.Mode };
        return copy;
    }

    public static IReadOnlyList<SweepRow> Summarize(IEnumerable<SweepCell> cells) =>
        cells.GroupBy(c => (c.Variant, c.Lambda))
            .Select(g => new SweepRow(g.Key.Variant, g.Key.Lambda, Stat.Of(g.Select(c => c.TrainAccuracy)),
                Stat.Of(g.Select(c => c.TestAccuracy)), Stat.Of(g.Select(c => c.Gap))))
            .OrderBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Lambda).ToList();
}
