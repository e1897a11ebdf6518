namespace MiaRepro.Training.Sharding;

/// <summary>
/// A merge's gate: every job is loaded from the store and none is trained. Its checks ran before the claim did (every
/// manifest job stored), so a miss here means the kind asked for a job no shard listed — the shards and the merge ran
/// different settings or code — and the merge stops before anything is written.
/// </summary>
public sealed class MergeGate(IReadOnlyDictionary<string, int> shardOfJob, int count) : IJobGate
{
    public bool Owns(TrainingJob job, string key) =>
        shardOfJob.ContainsKey(key) ? true
            : throw new ShardException($"the claim asks for job {key}, which no shard's manifest lists: the shards ran other settings or code than this merge. Rerun every shard (--shard i/{count}) with this merge's --profile, --Override keys and commit, then merge.");

    public void Found(string key) { }

    public void Missing(string key) =>
        throw new ShardException($"job {key} (shard {shardOfJob[key]}/{count}) is not in the model store, and a merge trains nothing: rerun `--shard {shardOfJob[key]}/{count}` with the same --cache, then merge.");

    public void Trained(string key) =>
        throw new ShardException($"a merge trained job {key}: a bug, a merge must only load models.");
}
