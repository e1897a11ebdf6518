using System.Text.Json.Serialization;
using MiaRepro.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>Where, when and by which commit a stored model was trained (so a report can say "12 models trained on
/// NVIDIA H200, date, commit"). <see cref="Cuda"/> is null for a model trained on the CPU.</summary>
public sealed record TrainingProvenance(string Device, string LibTorch, string? Cuda, string Machine, string Commit, DateTimeOffset CreatedUtc)
{
    /// <summary>The optimizer steps its training took (<see cref="TrainingHistory"/>); null for models stored before it
    /// was recorded, and then not written, so older entries read back as they were.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ModelSteps { get; init; }

    /// <summary>Wall seconds from its first step to its last epoch's evaluation; for members trained side by side, the
    /// time since the previous member was stored (their share of the run). Null where not recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TrainSeconds { get; init; }

    /// <summary>This process's environment for models trained on <paramref name="device"/> at <paramref name="commit"/>
    /// (a sha, "-dirty" appended for uncommitted changes); <see cref="CreatedUtc"/> is set when a model is stored.</summary>
    public static TrainingProvenance Capture(Device device, string commit) => new(
        MachineInfo.DeviceName(device), TorchRuntime.LibTorchVersion, device.type == DeviceType.CUDA ? MachineInfo.CudaVersion() : null,
        MachineInfo.Describe(), commit, default);
}
