using Microsoft.Extensions.Configuration;

namespace MiaRepro.Experiments;

/// <summary>
/// Where things are and how to run, from configuration: defaults ← env MIAREPRO_* (MIAREPRO_DATA, MIAREPRO_PROFILE,
/// MIAREPRO_DEVICE, MIAREPRO_CACHE, MIAREPRO_RESULTS, MIAREPRO_ROOT, MIAREPRO_THREADS, MIAREPRO_ENGINE, MIAREPRO_GROUP,
/// MIAREPRO_OFFLINE) ← command line (--data, --profile, …; a bare --offline means --offline=true).
/// </summary>
public sealed record MiaReproSettings
{
    public required string Root { get; init; }
    public required string Data { get; init; }
    public required string Profile { get; init; }
    public required string Device { get; init; }
    public required string Cache { get; init; }
    public required string Results { get; init; }
    public int Threads { get; init; }
    /// <summary>How many-model runs train their members (MIAREPRO_ENGINE: auto, one-at-a-time, parallel, grouped; see
    /// <see cref="Training.Ensemble.EnsembleStrategies"/>) and how many a grouped module holds (MIAREPRO_GROUP, default 64).</summary>
    public string Engine { get; init; } = "auto";
    public int GroupSize { get; init; } = 64;
    /// <summary>MIAREPRO_OFFLINE / --offline: `run` never fetches a missing dataset; its claims are reported not run.</summary>
    public bool Offline { get; init; }
    public required IConfiguration Configuration { get; init; }

    /// <summary>Where trained models are stored: <see cref="Cache"/>, except in a sharded run (<see cref="Sharding.ShardRun"/>),
    /// which keeps its models in the shared store but its side stores (outputs, KDE rows), computed on other shards'
    /// stand-ins, in a scratch <see cref="Cache"/> that is thrown away.</summary>
    public string ModelStore => Models ?? Cache;
    public string? Models { get; init; }

    /// <summary>A sharded run's or a merge's <see cref="Training.Sharding.IJobGate"/>, given to every model store the kinds open.</summary>
    public Training.Sharding.IJobGate? Gate { get; init; }

    public string Experiments => Path.Combine(Root, "experiments");

    public static MiaReproSettings Load(string[]? args = null)
    {
        var config = new ConfigurationBuilder()
            .AddEnvironmentVariables("MIAREPRO_")
            .AddCommandLine(BareSwitches(args ?? []))
            .Build();
        var root = Path.GetFullPath(config["ROOT"] ?? FindRoot());
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var threads = config["THREADS"] is { } t
            ? int.TryParse(t, out var n) && n > 0 ? n : throw new ExperimentException($"MIAREPRO_THREADS (key Threads) must be a positive integer, not '{t}'.")
            : 0;
        var profile = config["PROFILE"] ?? "smoke";
        if (profile is not ("smoke" or "paper" or "paper-cpu"))
            throw new ExperimentException($"Profile '{profile}' (MIAREPRO_PROFILE or --profile) is unknown: use smoke, paper or paper-cpu.");
        return new MiaReproSettings
        {
            Root = root,
            Data = Path.GetFullPath(config["DATA"] ?? Path.Combine(cacheHome, "miarepro", "data")),
            Profile = profile,
            Device = config["DEVICE"] ?? "auto",
            Cache = Path.GetFullPath(config["CACHE"] ?? Path.Combine(cacheHome, "miarepro", "models")),
            Results = Path.GetFullPath(config["RESULTS"] ?? Path.Combine(root, "results")),
            Threads = threads,
            Engine = config["ENGINE"] ?? "auto",
            GroupSize = config["GROUP"] is { } g
                ? int.TryParse(g, out var k) && k > 0 ? k : throw new ExperimentException($"MIAREPRO_GROUP (key Group) must be a positive integer, not '{g}'.")
                : 64,
            Offline = config["OFFLINE"] is { } o ? ParseBool(o) ?? throw new ExperimentException(
                $"MIAREPRO_OFFLINE (key Offline, --offline) must be true or false (1 or 0), not '{o}'.") : false,
            Configuration = config,
        };
    }

    static bool? ParseBool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>`--offline` with no value after it means `--offline=true`: the command-line provider would otherwise take
    /// the next option (say `--profile`) as its value, or drop the switch at the end of the line.</summary>
    static string[] BareSwitches(string[] args) =>
        args.Select((a, i) => a == "--offline" && (i + 1 == args.Length || args[i + 1].StartsWith('-')) ? "--offline=true" : a).ToArray();

    /// <summary>The repository: the nearest folder upwards (from the working directory, then the binaries) with MiaRepro.sln.</summary>
    static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MiaRepro.sln"))) return dir.FullName;
        throw new ExperimentException("Cannot find the repository (no MiaRepro.sln above the working directory). Run from the clone or set MIAREPRO_ROOT.");
    }
}
