using System.Text.Json;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Outputs;
using MiaRepro.IO;

namespace MiaRepro.Tests.Regression;

/// <summary>One target of a committed outputs set (`miarepro outputs &lt;claim&gt; --to DIR`): its (variant, λ, seed) and
/// its logits on the pool's members and non-members as the tensors the attacks take. Read through the output store, so
/// a set that fails its manifest (hashes, shapes, dataset, split) fails the test instead of pinning wrong numbers.</summary>
public sealed record StoredTarget(string Variant, double Lambda, int Seed, LabelledData Members, LabelledData NonMembers)
{
    public static IReadOnlyList<StoredTarget> ReadAll(string set)
    {
        var index = JsonSerializer.Deserialize<OutputsSet>(File.ReadAllText(Path.Combine(set, "targets.json")), JsonFormat.Indented)
                    ?? throw new InvalidDataException($"{set}/targets.json is empty.");
        var store = new OutputStore(Path.Combine(set, "store"));
        var keep = OutputStore.ReadKeep(Path.Combine(set, OutputStore.KeepFile), index.Targets.Count, index.PoolSize);
        return index.Targets.Select((t, m) =>
        {
            var members = Enumerable.Range(0, index.PoolSize).Count(n => keep[m, n]);
            if (Enumerable.Range(0, members).Any(n => !keep[m, n]))
                throw new InvalidDataException($"{set}/keep.npy: model {m}'s members are not the first {members} examples of the pool ({SweepOutputs.Pool}).");
            var (memberData, nonMemberData) = SweepOutputs.Split(store.Read(t.ModelKey, index.DatasetSha256, index.SplitSha256), members);
            return new StoredTarget(t.Variant, t.Lambda, t.Seed, memberData, nonMemberData);
        }).ToList();
    }

    sealed record OutputsSet(string DatasetSha256, string SplitSha256, int PoolSize, List<OutputsSetTarget> Targets);

    sealed record OutputsSetTarget(string Variant, double Lambda, int Seed, string ModelKey);
}
