using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MiaRepro.Training;

/// <summary>How many of a run's models were trained where: device, the CPU or GPU model, libtorch and CUDA version, commit
/// and day (UTC), from each stored model's own provenance — so a result whose models came from a GPU cache says so,
/// whatever device its attacks ran on.</summary>
public sealed record ModelOrigin(int Models, string Device, string LibTorch, string? Cuda, string Commit, string Day)
{
    /// <summary>The CPU model ("AMD EPYC (AVX-512)") or GPU model ("NVIDIA H200"); null where nothing named it (older runs
    /// recorded "cpu" without the CPU).</summary>
    public string? Hardware { get; init; }

    /// <summary>Null when the run recorded it; else where a later backfill read it ("from the run log (GPU.md), not
    /// recorded at run time"), so a reader can tell a record from a reconstruction.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>The group's optimizer steps and training wall seconds, summed over its models
    /// (<see cref="TrainingProvenance.ModelSteps"/>, <see cref="TrainingProvenance.TrainSeconds"/>); null, and not written,
    /// when any of them was stored before these were recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ModelSteps { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TrainSeconds { get; init; }

    /// <summary>Whether a backfill wrote it rather than the run.</summary>
    [JsonIgnore]
    public bool Backfilled => Source is not null;

    /// <summary>"-dirty" on the commit: built from a tree with uncommitted changes.</summary>
    [JsonIgnore]
    public bool Dirty => Commit.EndsWith("-dirty", StringComparison.Ordinal);

    public static IReadOnlyList<ModelOrigin> Of(IEnumerable<TrainingProvenance> models) =>
        models.GroupBy(p => (p.Device, Hardware: HardwareOf(p), p.LibTorch, p.Cuda, Commit: Short(p.Commit), Day: p.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd")))
            .Select(g => new ModelOrigin(g.Count(), g.Key.Device, g.Key.LibTorch, g.Key.Cuda, g.Key.Commit, g.Key.Day)
            {
                Hardware = g.Key.Hardware,
                ModelSteps = g.All(p => p.ModelSteps is not null) ? g.Sum(p => p.ModelSteps!.Value) : null,
                TrainSeconds = g.All(p => p.TrainSeconds is not null) ? Math.Round(g.Sum(p => p.TrainSeconds!.Value), 1) : null,
            })
            .OrderByDescending(o => o.Models).ThenBy(o => o.Device, StringComparer.Ordinal).ToList();

    /// <summary>The GPU named in a CUDA device ("cuda:0 (NVIDIA H200)"), else the CPU in the machine line
    /// (<see cref="Runtime.MachineInfo.Describe"/>: "OS, CPU, n cores, arch"); null where neither names one.</summary>
    public static string? HardwareOf(TrainingProvenance p)
    {
        if (p.Device.StartsWith("cuda", StringComparison.Ordinal))
            return Regex.Match(p.Device, @"\((.+)\)$") is { Success: true } gpu ? gpu.Groups[1].Value : null;
        var cpu = Regex.Match(p.Machine, @"^[^,]+, (.+), \d+ cores, [^,]+$");
        return cpu.Success && cpu.Groups[1].Value != "cpu model unknown" ? cpu.Groups[1].Value : null;
    }

    /// <summary>A sha to 12 hex digits, keeping a "-dirty" mark.</summary>
    static string Short(string commit)
    {
        var dirty = commit.EndsWith("-dirty", StringComparison.Ordinal);
        var sha = dirty ? commit[..^"-dirty".Length] : commit;
        return (sha.Length > 12 ? sha[..12] : sha) + (dirty ? "-dirty" : "");
    }

    /// <summary>The commit to 7 digits, as the report prints it.</summary>
    [JsonIgnore]
    public string ShortCommit
    {
        get
        {
            var sha = Dirty ? Commit[..^"-dirty".Length] : Commit;
            return sha.Length > 7 ? sha[..7] : sha;
        }
    }

    /// <summary>Where, without when: "cuda:0 (NVIDIA H200)", "cpu (AMD EPYC (AVX-512))", or the bare device.</summary>
    [JsonIgnore]
    public string Where => Split() is var (device, hardware) && hardware is not null ? $"{device} ({hardware})" : device;

    /// <summary>The device without the GPU name a CUDA device string carries, and the model: <see cref="Hardware"/>, else
    /// that name (runs before <see cref="Hardware"/> was stored named the GPU only there).</summary>
    (string Device, string? Hardware) Split()
    {
        var named = Regex.Match(Device, @"^(cuda\S*) \((.+)\)$");
        return named.Success ? (named.Groups[1].Value, Hardware ?? named.Groups[2].Value) : (Device, Hardware);
    }

    /// <summary>"libtorch 2.11.0+cu130, CUDA 13.0".</summary>
    [JsonIgnore]
    public string Stack => $"libtorch {LibTorch}{(Cuda is null ? "" : $", CUDA {Cuda}")}";

    /// <summary>Where and on what: "cuda:0 (NVIDIA H200; libtorch 2.11.0+cu130, CUDA 13.0)", "cpu (AMD EPYC (AVX-512); libtorch 2.10.0)".</summary>
    [JsonIgnore]
    public string Described
    {
        get
        {
            var (device, hardware) = Split();
            return $"{device} ({(hardware is null ? "" : hardware + "; ")}{Stack})";
        }
    }

    /// <summary>"12 models trained on cuda:0 (NVIDIA H200; libtorch 2.11.0+cu130, CUDA 13.0) at 4e4ef63 on 2026-11-27".</summary>
    public override string ToString() =>
        $"{Models} model{(Models == 1 ? "" : "s")} trained on {Described} at {ShortCommit}{(Dirty ? " with uncommitted changes" : "")} on {Day}" +
        (Source is null ? "" : $" ({Source})");
}
