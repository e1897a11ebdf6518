using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Training;

namespace MiaRepro.Planning;

/// <summary>
/// `miarepro plan`: each claim's models as its kind lists them (<see cref="IClaimKind.Models"/>, the run's own job
/// builders, nothing trained), each looked up in the model store by its key and priced by the committed benchmarks
/// (<see cref="StepPrices"/>). Datasets are loaded once per plan (their sha256 and split are part of every key).
/// </summary>
public sealed class Planner(MiaReproSettings settings)
{
    readonly Dictionary<string, Dataset> datasets = new();
    readonly Dictionary<string, bool> stored = new();
    readonly StepPrices prices = StepPrices.Load(Path.Combine(settings.Root, "results", "bench"));

    public ClaimPlan Plan(string claimPath)
    {
        var variants = ExperimentLoader.Load(claimPath, settings.Profile, settings.Configuration);
        var (first, names) = (variants[0], variants.Select(v => v.Dataset).Distinct().ToList());
        var claim = $"{first.Paper}/{first.Claim}";
        // Keys hash the dataset's files: without them a plan could count models but not find them in the store.
        if (names.Select(d => DatasetFiles.Absent(d, settings.Data)).FirstOrDefault(a => a is not null) is { } absent)
            return new(claim, first.Kind, [], absent);
        var models = ClaimKinds.Get(first.Kind).Models(variants, Load);
        if (models is null)
            return new(claim, first.Kind, [], $"kind '{first.Kind}' does not list its models yet: implement IClaimKind.Models for it.");
        var datasetOf = names.ToDictionary(n => datasets[n].Sha256, n => n);
        // A key listed twice in one claim (a defense's target is the undefended model) is trained once.
        return new(claim, first.Kind, [.. models.Select(m => (Model: m, Key: m.Job.Key())).DistinctBy(m => m.Key).Select(m => Priced(m.Model, m.Key, datasetOf[m.Model.Job.DatasetSha256]))]);
    }

    PricedModel Priced(PlannedModel model, string key, string dataset)
    {
        if (!stored.TryGetValue(key, out var inStore))
            stored[key] = inStore = ModelCache.StoredProvenance(settings.Cache, key) is not null;
        var (spec, batch, dp) = (model.Job.Model, model.Job.Training.BatchSize, model.Job.Training.Dp is not null);
        return new(key, $"{spec}{(dp ? " DP-SGD" : "")} on {dataset}", model.Steps, inStore,
            prices.Find(spec, dataset, batch, StepPrices.Cpu, dp), prices.Find(spec, dataset, batch, StepPrices.Gpu, dp));
    }

    Dataset Load(string name)
    {
        if (!datasets.TryGetValue(name, out var dataset)) datasets[name] = dataset = DatasetLoader.Load(name, settings.Data);
        return dataset;
    }
}
