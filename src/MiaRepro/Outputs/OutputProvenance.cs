using MiaRepro.Runtime;

namespace MiaRepro.Outputs;

/// <summary>Where and with what a store's outputs were made: device, libtorch version, git commit, time (UTC).</summary>
public sealed record OutputProvenance(string Device, string LibTorchVersion, string Commit, DateTime CreatedUtc)
{
    /// <summary>Provenance for outputs made now, with the libtorch actually loaded (an external one reports its own version).</summary>
    public static OutputProvenance Now(string device, string commit) =>
        new(device, string.IsNullOrEmpty(TorchRuntime.LibTorchVersion) ? "unknown" : TorchRuntime.LibTorchVersion, commit, DateTime.UtcNow);
}
