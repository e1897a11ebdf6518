namespace MiaRepro.Training.Sharding;

/// <summary>
/// Whether a claim's shard manifests fit together so the merge can run from the store alone: one shard count, every shard
/// finished, the same settings hash and code version as the merge, the same job list, every job owned by exactly one
/// shard and stored, and a model a shard trained still carrying that shard's code version (so an entry replaced after
/// the shard ran is caught). Models a shard found already stored are taken as a single-process run takes them: the job
/// key pins what determines them, whichever commit trained them. Pure (the store is a lookup), so every refusal is unit-tested.
/// </summary>
public static class ShardMergeCheck
{
    const int MaxListed = 20;

    /// <summary>Each job's shard when the manifests fit; else a <see cref="ShardException"/> listing every problem and its fix.</summary>
    /// <param name="rerun">The command that reruns a shard, less `--shard i/n` ("miarepro run paper/claim --cache DIR").</param>
    public static IReadOnlyDictionary<string, int> Verify(IReadOnlyList<ShardManifest> manifests, string claim, string settings, string code,
        Func<string, TrainingProvenance?> stored, string rerun)
    {
        if (manifests.Count == 0)
            throw new ShardException($"no shard of {claim} has finished (no manifest in the store): run `{rerun} --shard i/n` for i = 1 … n, then merge.");
        var counts = manifests.Select(m => m.Of).Distinct().Order().ToList();
        if (counts.Count > 1)
            throw new ShardException($"{claim}'s manifests split its jobs {string.Join(" and ", counts.Select(c => $"{c} ways"))} ({string.Join(", ", manifests.Select(m => m.Name))}): " +
                                     "delete the stale ones (folder shards/ in the store) and merge the shards of one run.");
        var n = counts[0];
        var problems = new List<string>();
        foreach (var twice in manifests.GroupBy(m => m.Shard).Where(g => g.Count() > 1))
            problems.Add($"shard {twice.Key}/{n} has {twice.Count()} manifests: keep one (rerun `{rerun} --shard {twice.Key}/{n}`).");
        foreach (var m in manifests)
        {
            if (m.Settings != settings)
                problems.Add($"shard {m.Name} ran settings {m.Settings}, this merge has {settings}: merge with the --profile and --Override keys the shards ran with, or rerun shard {m.Name} with this merge's.");
            if (m.Code != code)
                problems.Add($"shard {m.Name} ran code version {m.Code}, this merge is {code}: merge at the shards' commit, or rerun every shard at this one.");
        }

        var shardOf = new Dictionary<string, int>();
        foreach (var job in manifests.SelectMany(m => m.Jobs))
            if (shardOf.TryGetValue(job.Key, out var s) && s != job.Shard)
                problems.Add($"job {job.Key} is put in shard {s}/{n} by one manifest and in {job.Shard}/{n} by another: the shards ran different code; rerun them all.");
            else shardOf[job.Key] = job.Shard;
        foreach (var m in manifests.Where(m => m.Jobs.Count != shardOf.Count))
            problems.Add($"shard {m.Name} lists {m.Jobs.Count} of the {shardOf.Count} jobs the shards asked for: the shards ran different settings or code; rerun them all.");

        var present = manifests.Select(m => m.Shard).ToHashSet();
        foreach (var missing in Enumerable.Range(1, n).Where(i => !present.Contains(i)))
        {
            var jobs = shardOf.Where(j => j.Value == missing).Select(j => j.Key).ToList();
            problems.Add($"shard {missing}/{n} has not finished (no manifest): run `{rerun} --shard {missing}/{n}`; its {jobs.Count} job(s): {string.Join(", ", jobs)}.");
        }

        var owners = manifests.SelectMany(m => m.Owned.Select(j => (j, m))).GroupBy(o => o.j.Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (key, shard) in shardOf)
        {
            var by = owners.GetValueOrDefault(key) ?? [];
            if (by.Count > 1)
                problems.Add($"job {key} is in {string.Join(" and ", by.Select(o => $"shard {o.m.Name}"))}: a job belongs to one shard; delete the stray manifest and rerun `{rerun} --shard {shard}/{n}`.");
            else if (by.Count == 0 && present.Contains(shard))
                problems.Add($"job {key} (shard {shard}/{n}) was neither trained nor found by its shard: rerun `{rerun} --shard {shard}/{n}`.");
            else if (by.Count == 1)
            {
                var (job, m) = by[0];
                if (stored(key) is not { } provenance)
                    problems.Add($"job {key} (shard {m.Name}) is not in the model store: rerun `{rerun} --shard {m.Name}` with the same --cache.");
                else if (job.Status == ShardJob.TrainedNow && provenance.Commit != m.Code)
                    problems.Add($"job {key}'s stored model was trained at {provenance.Commit}, but shard {m.Name} trained it at {m.Code}: the entry was replaced after the shard ran; rerun `{rerun} --shard {m.Name}`.");
            }
        }
        if (problems.Count > 0)
            throw new ShardException($"{claim}: nothing merged; {problems.Count} problem(s):\n  " + string.Join("\n  ", problems.Take(MaxListed)) +
                                     (problems.Count > MaxListed ? $"\n  … and {problems.Count - MaxListed} more" : ""));
        return shardOf;
    }
}
