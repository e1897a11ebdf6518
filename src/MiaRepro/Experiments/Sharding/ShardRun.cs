using MiaRepro.Training;
using MiaRepro.Training.Sharding;

namespace MiaRepro.Experiments.Sharding;

/// <summary>
/// `miarepro run &lt;claim&gt; --shard i/n`: the claim's kind runs as usual, but its model store trains or loads only shard
/// i's jobs (<see cref="Shard.Of"/>) and hands out untrained stand-ins for the others (<see cref="ShardGate"/>); models go to
/// the shared store (--cache), while everything measured on stand-ins (outputs, KDE rows, the claim's results) goes to a
/// scratch folder that is deleted. Then the shard's <see cref="ShardManifest"/> is written into the store — last, so a
/// shard stopped early leaves no manifest and a merge names it as not finished.
/// </summary>
public static class ShardRun
{
    public sealed record Outcome(ShardManifest Manifest, string ManifestPath);

    public static Outcome Run(MiaReproSettings settings, string experimentPath, Shard shard, Action<string>? log = null, Action<string, EpochRecord>? onEpoch = null)
    {
        var variants = ExperimentLoader.Load(experimentPath, settings.Profile, settings.Configuration);
        var claim = $"{variants[0].Paper}/{variants[0].Claim}";
        // Captured before training: the code version every model this shard trains records (a merge compares them).
        var code = RunInfo.HeadLabel(settings.Root);
        var gate = new ShardGate(shard);
        var scratch = Path.Combine(Path.GetTempPath(), $"miarepro-shard-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var sharded = settings with { Models = settings.ModelStore, Cache = Path.Combine(scratch, "cache"), Results = Path.Combine(scratch, "results"), Gate = gate };
            new ClaimRunner(sharded) { Log = log, OnEpoch = onEpoch }.Run(experimentPath);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        var manifest = new ShardManifest(claim, settings.Profile, shard.Index, shard.Count, RunSettings.Hash(variants), code, gate.Jobs);
        return new(manifest, manifest.Write(settings.ModelStore));
    }
}
