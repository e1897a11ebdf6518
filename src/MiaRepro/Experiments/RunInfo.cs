using MiaRepro.Training;
using System.Diagnostics;
using MiaRepro.Runtime;

namespace MiaRepro.Experiments;

/// <summary>run.json: what produced a result — commit, device (where its attacks ran), libtorch, profile, seeds, wall
/// time, date, machine, and where its models were trained (<see cref="ModelOrigins"/>; absent in runs before it was recorded).</summary>
public sealed record RunInfo(string Commit, bool DirtyTree, string Device, string LibTorch, string TorchSharp, string Profile,
    int[] Seeds, IReadOnlyDictionary<string, string> Overrides, double WallSeconds, DateTimeOffset Date, string Machine, int Threads, int ModelsTrained, int ModelsFromCache)
{
    public IReadOnlyList<ModelOrigin>? ModelOrigins { get; init; }
    /// <summary>The claim's kind (<see cref="IClaimKind.Name"/>), so a reader of the result knows its shape without the
    /// claim file; absent in runs before it was recorded.</summary>
    public string? Kind { get; init; }
    /// <summary>The run's <see cref="RunSettings.Hash"/>: claims whose run.json holds the same one judged the same run.</summary>
    public string? Settings { get; init; }
    /// <summary>The profile's departures from the paper's settings (<see cref="ExperimentSpec.ScaleDowns"/>) as run.</summary>
    public string[]? ScaleDowns { get; init; }

    public static RunInfo Capture(MiaReproSettings settings, string device, int[] seeds, TimeSpan wall, int trained, int cached,
        (string Sha, bool Dirty)? commit = null)
    {
        var (sha, dirty) = commit ?? Head(settings.Root);
        return Create(sha, dirty, settings, device, seeds, wall, trained, cached);
    }

    /// <summary>HEAD and whether tracked files differ from it.</summary>
    public static (string Sha, bool Dirty) Head(string root) => (GitCommit(root, out var dirty), dirty);

    /// <summary>HEAD as one string, "-dirty" appended when tracked files differ (what stored models record).</summary>
    public static string HeadLabel(string root)
    {
        var (sha, dirty) = Head(root);
        return dirty ? sha + "-dirty" : sha;
    }

    static RunInfo Create(string sha, bool dirty, MiaReproSettings settings, string device, int[] seeds, TimeSpan wall, int trained, int cached) => new(
        sha, dirty, device,
        $"{TorchRuntime.LibTorchVersion} ({TorchRuntime.LibTorchSource}{(TorchRuntime.ShimLoaded ? "; glibcxx shim loaded" : "")}; CPU allocations {(CpuAllocatorFill.Zero ? "zero-filled" : "not zero-filled")})",
        typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?", settings.Profile, seeds,
        Recorded(settings.Configuration), Math.Round(wall.TotalSeconds, 1),
        DateTimeOffset.UtcNow, MachineInfo.Describe(),
        global::TorchSharp.torch.get_num_threads(), trained, cached);

    /// <summary>Overrides and a variant filter: a partial run must say so in its run.json.</summary>
    static IReadOnlyDictionary<string, string> Recorded(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var recorded = new Dictionary<string, string>(Experiments.ExperimentLoader.Overrides(configuration));
        if (Experiments.ExperimentLoader.VariantFilter(configuration) is { } only) recorded["variants"] = string.Join(",", only);
        return recorded;
    }

    static string GitCommit(string root, out bool dirty)
    {
        dirty = false;
        // A published bundle run elsewhere (tools/gpu/bundle.sh) names its commit: that machine's copy of .git may be
        // absent or stale. "-dirty" marks a bundle published from a tree with uncommitted changes.
        if (Environment.GetEnvironmentVariable("MIAREPRO_COMMIT") is { Length: > 0 } given)
        {
            dirty = given.EndsWith("-dirty", StringComparison.Ordinal);
            return dirty ? given[..^"-dirty".Length] : given;
        }
        try
        {
            var head = Git(root, "rev-parse HEAD");
            // Code, experiments or config differing from HEAD; results/ is left out: claims write there, so the second
            // claim of a run would otherwise call a clean checkout dirty.
            dirty = Git(root, "status --porcelain --untracked-files=no -- . \":(exclude)results\"").Length > 0;
            return head.Length > 0 ? head : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Environment.GetEnvironmentVariable("GITHUB_SHA") ?? "unknown";
        }
    }

    static string Git(string root, string args)
    {
        using var p = Process.Start(new ProcessStartInfo("git", $"-C \"{root}\" {args}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : "";
    }
}
