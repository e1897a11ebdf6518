using MiaRepro.Data;
using MiaRepro.Runtime;
using MiaRepro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>What every experiment on the l2-sweep's targets starts from: the dataset, its split manifest, the members
/// and non-members, the device, the model cache (threads set as configured) and the commit its models and outputs record.</summary>
public sealed record SweepData(Dataset Dataset, SplitManifest Split, LabelledData Members, LabelledData NonMembers, Device Device, ModelCache Cache, string Commit)
{
    public static SweepData Load(MiaReproSettings settings, ExperimentSpec first, Action<string>? log, Action<TrainedModel>? onModel = null)
    {
        var dataset = DatasetLoader.Load(first.Dataset, settings.Data);
        var split = SplitManifest.Create(dataset, first.Split, first.SplitSeed);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var device = TorchRuntime.ResolveDevice(settings.Device);
        var commit = RunInfo.HeadLabel(settings.Root);
        return new(dataset, split, split.Select(dataset, "members"), split.Select(dataset, "nonMembers"), device,
            new ModelCache(settings.ModelStore, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => log?.Invoke(m), OnModel = onModel, Gate = settings.Gate }, commit);
    }
}
