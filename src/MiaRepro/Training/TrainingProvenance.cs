using MiaRepro.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>Where, when and by which commit a stored model was trained (so a report can say "12 models trained on
/// NVIDIA H200, date, commit"). <see cref="Cuda"/> is null for a model trained on the CPU.</summary>
public sealed record TrainingProvenance(string Device, string LibTorch, string? Cuda, string Machine, string Commit, DateTimeOffset CreatedUtc)
{
    /// <summary>This process's environment for models trained on <paramref name="device"/> at <paramref name="commit"/>
    /// (a sha, "-dirty" appended for uncommitted changes); <see cref="CreatedUtc"/> is set when a model is stored.</summary>
    public static TrainingProvenance Capture(Device device, string commit) => new(
        MachineInfo.DeviceName(device), TorchRuntime.LibTorchVersion, device.type == DeviceType.CUDA ? MachineInfo.CudaVersion() : null,
        MachineInfo.Describe(), commit, default);
}
