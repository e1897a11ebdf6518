using MiaRepro.Data;
using MiaRepro.Runtime;
using MiaRepro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.L2Sweep;

/// <summary>What every experiment on the l2-sweep's targets starts from: the dataset, its split manifest, the members
/// and non-members, the device and the model cache (threads set as configured).</summary>
public sealed record SweepData(Dataset Dataset, SplitManifest Split, LabelledData Members, LabelledData NonMembers, Device Device, ModelCache Cache)
{
    public static SweepData Load(MiaReproSettings settings, ExperimentSpec first, Action<string>? log, Action<TrainedModel>? onModel = null)
    {
        var dataset = DatasetLoader.Load(first.Dataset, settings.Data);
        var split = SplitManifest.Create(dataset, first.Split, first.SplitSeed);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var device = TorchRuntime.ResolveDevice(settings.Device);
        return new(dataset, split, split.Select(dataset, "members"), split.Select(dataset, "nonMembers"), device,
            new ModelCache(settings.Cache, TrainingProvenance.Capture(device, RunInfo.HeadLabel(settings.Root))) { OnCorrupt = m => log?.Invoke(m), OnModel = onModel });
    }
}
