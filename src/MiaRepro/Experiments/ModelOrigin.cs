using MiaRepro.Training;

namespace MiaRepro.Experiments;

/// <summary>How many of a run's models were trained where: device, libtorch and CUDA version, commit and day (UTC),
/// from each stored model's own provenance — so a result whose models came from a GPU cache says so, whatever device
/// its attacks ran on.</summary>
public sealed record ModelOrigin(int Models, string Device, string LibTorch, string? Cuda, string Commit, string Day)
{
    public static IReadOnlyList<ModelOrigin> Of(IEnumerable<TrainingProvenance> models) =>
        models.GroupBy(p => (p.Device, p.LibTorch, p.Cuda, Commit: Short(p.Commit), Day: p.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd")))
            .Select(g => new ModelOrigin(g.Count(), g.Key.Device, g.Key.LibTorch, g.Key.Cuda, g.Key.Commit, g.Key.Day))
            .OrderByDescending(o => o.Models).ThenBy(o => o.Device, StringComparer.Ordinal).ToList();

    /// <summary>A sha to 12 hex digits, keeping a "-dirty" mark.</summary>
    static string Short(string commit)
    {
        var dirty = commit.EndsWith("-dirty", StringComparison.Ordinal);
        var sha = dirty ? commit[..^"-dirty".Length] : commit;
        return (sha.Length > 12 ? sha[..12] : sha) + (dirty ? "-dirty" : "");
    }

    /// <summary>"12 models trained on NVIDIA H200 (CUDA 13.0, 2026-11-27, 4e4ef63)".</summary>
    public override string ToString() =>
        $"{Models} model{(Models == 1 ? "" : "s")} trained on {Device} ({(Cuda is null ? "" : $"CUDA {Cuda}, ")}{Day}, {Commit})";
}
