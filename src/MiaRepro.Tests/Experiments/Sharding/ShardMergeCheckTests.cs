using MiaRepro.Experiments.Sharding;
using MiaRepro.Training;
using MiaRepro.Training.Sharding;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Sharding;

/// <summary>Every refusal of a merge, on hand-made manifests and a store given as a lookup: each names the problem and the
/// fix, and a refusal lists every problem at once.</summary>
[TestFixture]
public sealed class ShardMergeCheckTests
{
    const string Claim = "paper/claim", Settings = "settings-a", Code = "c0de";
    const string Rerun = "miarepro run paper/claim --cache /store";

    // Six jobs, two a shard (their shards as recorded, whatever the hash: the check reads the manifests).
    static readonly (string Key, int Shard)[] Jobs = [("k1", 1), ("k2", 1), ("k3", 2), ("k4", 2), ("k5", 3), ("k6", 3)];

    static ShardManifest Manifest(int shard, int of = 3, string settings = Settings, string code = Code, IEnumerable<(string Key, int Shard)>? jobs = null) =>
        new(Claim, "smoke", shard, of, settings, code,
            (jobs ?? Jobs).Select(j => new ShardJob(j.Key, j.Shard, j.Shard == shard ? ShardJob.TrainedNow : ShardJob.Elsewhere)).ToList());

    static List<ShardManifest> All() => [Manifest(1), Manifest(2), Manifest(3)];

    static readonly TrainingProvenance Stored = new("cpu", "2.10.0", null, "Linux", Code, DateTimeOffset.UnixEpoch);

    static IReadOnlyDictionary<string, int> Verify(IReadOnlyList<ShardManifest> manifests, Func<string, TrainingProvenance?>? store = null) =>
        ShardMergeCheck.Verify(manifests, Claim, Settings, Code, store ?? (_ => Stored), Rerun);

    static string Refusal(IReadOnlyList<ShardManifest> manifests, Func<string, TrainingProvenance?>? store = null) =>
        Assert.Throws<ShardException>(() => Verify(manifests, store))!.Message;

    [Test]
    public void Verify_ShardsThatFit_EveryJobWithItsShard() =>
        Assert.That(Verify(All()), Is.EquivalentTo(Jobs.ToDictionary(j => j.Key, j => j.Shard)));

    [Test]
    public void Verify_MissingShard_NamesItItsJobsAndTheCommand()
    {
        var message = Refusal([Manifest(1), Manifest(3)]);
        Assert.That(message, Does.Contain("nothing merged").And.Contain("shard 2/3 has not finished").And.Contain("k3, k4")
            .And.Contain($"`{Rerun} --shard 2/3`"));
    }

    [Test]
    public void Verify_NoShardFinished_SaysHowToRunThem() =>
        Assert.That(Refusal([]), Does.Contain("no shard of paper/claim has finished").And.Contain("--shard i/n"));

    /// <summary>The same job trained by two shards (a manifest that does not belong: edited, or of another partition).</summary>
    [Test]
    public void Verify_SameJobTwice_NamesTheJobAndBothShards()
    {
        var twice = Manifest(2) with { Jobs = Manifest(2).Jobs.Select(j => j.Key == "k1" ? j with { Shard = 2, Status = ShardJob.TrainedNow } : j).ToList() };
        var message = Refusal([Manifest(1), twice, Manifest(3)]);
        Assert.That(message, Does.Contain("job k1 is in shard 1/3 and shard 2/3").And.Contain("a job belongs to one shard"));
    }

    [Test]
    public void Verify_DifferentSettingsHash_NamesBothAndTheFix()
    {
        var message = Refusal([Manifest(1), Manifest(2, settings: "settings-b"), Manifest(3)]);
        Assert.That(message, Does.Contain("shard 2/3 ran settings settings-b, this merge has settings-a").And.Contain("--Override"));
    }

    [Test]
    public void Verify_DifferentCodeVersion_NamesBothAndTheFix()
    {
        var message = Refusal([Manifest(1), Manifest(2), Manifest(3, code: "0ther-dirty")]);
        Assert.That(message, Does.Contain("shard 3/3 ran code version 0ther-dirty, this merge is c0de").And.Contain("commit"));
    }

    [Test]
    public void Verify_ShardsOfDifferentCounts_Refused() =>
        Assert.That(Refusal([Manifest(1), Manifest(2), Manifest(3), Manifest(1, of: 2)]), Does.Contain("2 ways and 3 ways").And.Contain("delete the stale ones"));

    [Test]
    public void Verify_DifferentJobLists_Refused()
    {
        var other = Jobs.Take(5).Append(("k7", 3));
        var message = Refusal([Manifest(1), Manifest(2), Manifest(3, jobs: other)]);
        Assert.That(message, Does.Contain("lists 6 of the 7 jobs"));
    }

    [Test]
    public void Verify_JobNotInTheStore_NamesItsShardAndTheRerun() =>
        Assert.That(Refusal(All(), key => key == "k4" ? null : Stored),
            Does.Contain("job k4 (shard 2/3) is not in the model store").And.Contain($"`{Rerun} --shard 2/3` with the same --cache"));

    /// <summary>An entry replaced after its shard ran (another commit trained it since) is not the shard's model.</summary>
    [Test]
    public void Verify_TrainedEntryOfAnotherCommit_Refused() =>
        Assert.That(Refusal(All(), key => key == "k5" ? Stored with { Commit = "later" } : Stored),
            Does.Contain("job k5's stored model was trained at later, but shard 3/3 trained it at c0de"));

    /// <summary>A model a shard found already stored is taken as a single-process run takes it, whichever commit trained it.</summary>
    [Test]
    public void Verify_FoundEntryOfAnotherCommit_Accepted()
    {
        var found = Manifest(3) with { Jobs = Manifest(3).Jobs.Select(j => j.Key == "k5" ? j with { Status = ShardJob.Found } : j).ToList() };
        Assert.That(Verify([Manifest(1), Manifest(2), found], key => key == "k5" ? Stored with { Commit = "older" } : Stored), Has.Count.EqualTo(6));
    }

    [Test]
    public void Verify_SeveralProblems_AllListed()
    {
        var message = Refusal([Manifest(1, code: "x"), Manifest(2, settings: "y")], key => key is "k1" or "k2" ? Stored with { Commit = "x" } : Stored);
        Assert.That(message, Does.Contain("3 problem(s)").And.Contain("code version x").And.Contain("settings y").And.Contain("shard 3/3 has not finished"));
    }
}
