namespace MiaRepro.Training.Sharding;

/// <summary>
/// A sharded run's gate: its own jobs (<see cref="Shard.Of"/>) are got or trained as usual, the others get a stand-in. A
/// distilled student goes to its teacher's shard (looked up among the jobs seen so far, else by the teacher's key): it is
/// fitted to the teacher's outputs, so it must be trained where the real teacher is, never on a stand-in's.
/// Records every job the run asked for, with its shard and what happened, for the shard's manifest.
/// </summary>
public sealed class ShardGate(Shard shard) : IJobGate
{
    public Shard Shard { get; } = shard;

    readonly Dictionary<string, ShardJob> jobs = new();
    readonly List<string> order = [];

    /// <summary>Every job the run asked for, in the order it first asked.</summary>
    public IReadOnlyList<ShardJob> Jobs => order.Select(k => jobs[k]).ToList();

    public bool Owns(TrainingJob job, string key)
    {
        if (!jobs.TryGetValue(key, out var seen))
        {
            var shardOf = job.Teacher is { } teacher
                ? jobs.TryGetValue(teacher.Key, out var t) ? t.Shard : Shard.Of(teacher.Key, Shard.Count)
                : Shard.Of(key, Shard.Count);
            seen = new ShardJob(key, shardOf, shardOf == Shard.Index ? ShardJob.Pending : ShardJob.Elsewhere);
            jobs[key] = seen;
            order.Add(key);
        }
        return seen.Shard == Shard.Index;
    }

    public void Found(string key) => Set(key, ShardJob.Found);

    public void Missing(string key) { }

    public void Trained(string key) => Set(key, ShardJob.TrainedNow);

    void Set(string key, string status)
    {
        if (!jobs.TryGetValue(key, out var job) || job.Shard != Shard.Index)
            throw new InvalidOperationException($"job {key} is not shard {Shard}'s, yet the store was asked to keep it: a bug in the gate's caller.");
        // Trained after found cannot happen (a found model is used); found after trained keeps "trained".
        if (job.Status != ShardJob.TrainedNow) jobs[key] = job with { Status = status };
    }
}
