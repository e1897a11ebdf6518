using MiaRepro.Training;
using MiaRepro.Training.Sharding;

namespace MiaRepro.Experiments.Sharding;

/// <summary>
/// `miarepro merge &lt;claim&gt;`: checks the claim's shard manifests against this merge's settings, code version and the
/// store (<see cref="ShardMergeCheck"/>), then runs the claim normally from the store with a gate that trains nothing
/// (<see cref="MergeGate"/>), so its results are written exactly as a single-process run writes them — or, on any
/// refusal, not at all (results are written only at the end, each folder replaced atomically).
/// </summary>
public static class ShardMerge
{
    public static ClaimResult Run(MiaReproSettings settings, string experimentPath, Action<string>? log = null, Action<string, EpochRecord>? onEpoch = null)
    {
        var variants = ExperimentLoader.Load(experimentPath, settings.Profile, settings.Configuration);
        var claim = $"{variants[0].Paper}/{variants[0].Claim}";
        var manifests = ShardManifest.ReadAll(settings.ModelStore, settings.Profile, claim).Select(m => m.Manifest).ToList();
        // Only reads entries' provenance; nothing is stored through it.
        var store = new ModelCache(settings.ModelStore, new TrainingProvenance("", "", null, "", "", default));
        var shardOf = ShardMergeCheck.Verify(manifests, claim, RunSettings.Hash(variants), RunInfo.HeadLabel(settings.Root), store.Provenance, Rerun(settings, claim));
        log?.Invoke($"{claim}: {shardOf.Count} jobs from {manifests.Count} shards, all stored; running the claim from the store");
        var merged = settings with { Gate = new MergeGate(shardOf, manifests[0].Of) };
        return new ClaimRunner(merged) { Log = log, OnEpoch = onEpoch }.Run(experimentPath);
    }

    /// <summary>The command that reruns a shard with this merge's settings, less `--shard i/n`.</summary>
    static string Rerun(MiaReproSettings settings, string claim) =>
        $"miarepro run {claim} --profile {settings.Profile} --cache {settings.ModelStore}" +
        string.Concat(ExperimentLoader.Overrides(settings.Configuration).Select(o => $" --Override:{o.Key}={o.Value}"));
}
