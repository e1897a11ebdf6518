using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.Sharding;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.Sharding;

/// <summary>The partition of jobs over shards (stable, disjoint, covering), `--shard` parsing, and the model store's gates:
/// a shard trains only its own jobs and stores nothing for the others; a merge never trains.</summary>
[TestFixture]
public sealed class ShardTests
{
    static readonly string[] Keys = Enumerable.Range(0, 300).Select(i => ModelCacheTestsJob(i).Key()).ToArray();

    static TrainingJob ModelCacheTestsJob(int seed) => new()
    {
        DatasetSha256 = "d", Members = "members", Model = new ModelSpec { Type = "Mlp", Hidden = [3] }, Training = new TrainingSpec(), Seed = seed,
    };

    /// <summary>Pinned values (python3: int.from_bytes(sha256(key).digest()[:8], "big") % n + 1): a change of the formula would
    /// move jobs between shards of runs already under way, so it must be deliberate.</summary>
    [TestCase("0123456789abcdef01234567", 3, 1)]
    [TestCase("0123456789abcdef01234567", 7, 1)]
    [TestCase("0123456789abcdef01234567", 5, 2)]
    [TestCase("a2ea3b5a749a4658087bbf98", 3, 2)]
    [TestCase("ffffffffffffffffffffffff", 3, 2)]
    public void Of_IsAFixedFunctionOfTheKey(string key, int count, int expected) =>
        Assert.That(Shard.Of(key, count), Is.EqualTo(expected));

    [TestCase(1), TestCase(2), TestCase(3), TestCase(5)]
    public void Of_EveryKeyInExactlyOneShard_AndEveryShardGetsSome(int count)
    {
        foreach (var key in Keys)
        {
            var owners = Enumerable.Range(1, count).Where(i => new Shard(i, count).Owns(key)).ToList();
            Assert.That(owners, Is.EqualTo(new[] { Shard.Of(key, count) }), key);
            Assert.That(Shard.Of(key, count), Is.EqualTo(Shard.Of(new string(key), count)), "stable");
        }
        Assert.That(Keys.Select(k => Shard.Of(k, count)).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, count)), "300 keys reach every shard");
    }

    [TestCase("1/3", 1, 3), TestCase("3/3", 3, 3), TestCase(" 2/5 ", 2, 5), TestCase("1/1", 1, 1)]
    public void Parse_Valid(string text, int index, int count) => Assert.That(Shard.Parse(text), Is.EqualTo(new Shard(index, count)));

    [TestCase("3/2", "numbered 1 to 2"), TestCase("0/3", "numbered 1 to 3"), TestCase("0/0", "at least 1"), TestCase("x", "is not i/n"),
     TestCase("", "is not i/n"), TestCase("1/3/4", "is not i/n"), TestCase("-1/3", "is not i/n")]
    public void Parse_Invalid_NamesTheFlagAndTheFix(string text, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => Shard.Parse(text))!;
        Assert.That(e.Message, Does.StartWith("--shard").And.Contain(problem).And.Contain("--shard 1/"));
    }

    /// <summary>A distilled student is fitted to its teacher's outputs, so it goes where the teacher is trained.</summary>
    [Test]
    public void ShardGate_StudentGoesToItsTeachersShard()
    {
        var teacher = Enumerable.Range(0, 50).Select(ModelCacheTestsJob).First(j => Shard.Of(j.Key(), 3) == 2);
        var student = Enumerable.Range(0, 50).Select(t => Distillation.StudentJob(teacher, t + 1)).First(s => Shard.Of(s.Key(), 3) != 2);
        var gate = new ShardGate(new Shard(2, 3));
        Assert.That(gate.Owns(teacher, teacher.Key()), Is.True);
        Assert.That(gate.Owns(student, student.Key()), Is.True);
        Assert.That(gate.Jobs.Select(j => j.Shard), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void ModelCache_ShardGate_TrainsOwnJobs_StandsInForOthers_StoresNothingForThem()
    {
        using var t = TestEnvironment.Temp();
        var (own, other) = (Job(k => k == 1), Job(k => k == 2));
        var gate = new ShardGate(new Shard(1, 2));
        var cache = new ModelCache(t.Path, Training.ModelCacheTests.Here) { Gate = gate };
        var trainings = 0;
        foreach (var job in new[] { own, other })
            using (cache.GetOrTrain(job, Build, _ => { trainings++; return [new EpochRecord(1, 0.5, 80, 70, 100)]; }).Model) { }
        Assert.Multiple(() =>
        {
            Assert.That(trainings, Is.EqualTo(1));
            Assert.That(Directory.Exists(Path.Combine(t.Path, own.Key())), Is.True);
            Assert.That(Directory.Exists(Path.Combine(t.Path, other.Key())), Is.False, "a stand-in is stored nowhere");
            Assert.That(gate.Jobs.Select(j => (j.Key, j.Shard, j.Status)), Is.EqualTo(new[]
                { (own.Key(), 1, ShardJob.TrainedNow), (other.Key(), 2, ShardJob.Elsewhere) }));
        });
    }

    [Test]
    public void ModelCache_MergeGate_LoadsStored_RefusesToTrainAMissingJob()
    {
        using var t = TestEnvironment.Temp();
        var (stored, missing) = (Job(k => k == 1), Job(k => k == 2));
        using (new ModelCache(t.Path, Training.ModelCacheTests.Here).GetOrTrain(stored, Build, _ => [new EpochRecord(1, 0.5, 80, 70, 100)]).Model) { }
        var gate = new MergeGate(new Dictionary<string, int> { [stored.Key()] = 1, [missing.Key()] = 2 }, 2);
        var cache = new ModelCache(t.Path, Training.ModelCacheTests.Here) { Gate = gate };
        using (cache.GetOrTrain(stored, Build, _ => throw new AssertionException("trained a stored job")).Model) { }
        var e = Assert.Throws<ShardException>(() => cache.GetOrTrain(missing, Build, _ => throw new AssertionException("trained in a merge")))!;
        Assert.That(e.Message, Does.Contain(missing.Key()).And.Contain("shard 2/2").And.Contain("--shard 2/2"));
        var unlisted = Job(_ => true, from: 100);
        Assert.That(() => cache.TryGet(unlisted, Build), Throws.TypeOf<ShardException>().With.Message.Contain("no shard's manifest lists"));
    }

    static nn.Module<Tensor, Tensor> Build() { manual_seed(0); return new Mlp(4, [3], Activation.Tanh, 2); }

    /// <summary>The first test job (seed from <paramref name="from"/> on) whose shard of 2 satisfies <paramref name="shard"/>.</summary>
    static TrainingJob Job(Func<int, bool> shard, int from = 0) =>
        Enumerable.Range(from, 100).Select(ModelCacheTestsJob).First(j => shard(Shard.Of(j.Key(), 2)));
}
