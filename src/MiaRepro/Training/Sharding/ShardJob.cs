namespace MiaRepro.Training.Sharding;

/// <summary>One job of a sharded run: its key, the shard it belongs to, and what this shard did with it.</summary>
public sealed record ShardJob(string Key, int Shard, string Status)
{
    public const string TrainedNow = "trained";
    public const string Found = "found";
    public const string Elsewhere = "other-shard";
    /// <summary>Owned but neither found nor trained yet (a run that stopped early leaves it; its manifest is never written).</summary>
    public const string Pending = "pending";

    public bool Owned => Status is TrainedNow or Found;
}
