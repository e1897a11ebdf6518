using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

[TestFixture, NonParallelizable]
public sealed class ModelCacheTests
{
    static readonly EpochRecord[] History = [new(1, 0.5, 80, 70, 100)];
    int trainings;

    internal static readonly TrainingProvenance Here = TrainingProvenance.Capture(CPU, "0123abc");

    internal static TrainingJob Job(int seed) => new()
    {
        DatasetSha256 = "d", Members = "members", Model = new ModelSpec { Type = "Mlp", Hidden = [3] }, Training = new TrainingSpec(), Seed = seed,
    };

    TrainedModel Get(ModelCache cache, int seed) =>
        cache.GetOrTrain(Job(seed), () => { manual_seed(0); return new Mlp(4, [3], Activation.Tanh, 2); },
            m => { trainings++; using (no_grad()) m.parameters().First().add_(1); return History; });

    [SetUp]
    public void Reset() => trainings = 0;

    [Test]
    public void GetOrTrain_SecondCall_LoadsTrainedWeightsWithoutTraining()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, Here);
        var first = Get(cache, 1);
        var second = Get(cache, 1);
        Assert.That(trainings, Is.EqualTo(1));
        Assert.That(second.FromCache, Is.True);
        Assert.That(second.History, Is.EqualTo(History));
        Assert.That(second.Model.parameters().First().allclose(first.Model.parameters().First()), Is.True);
    }

    [Test]
    public void GetOrTrain_DifferentJob_TrainsAgain()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, Here);
        Get(cache, 1);
        Get(cache, 2);
        Assert.That(trainings, Is.EqualTo(2));
    }

    /// <summary>A real divergence says which model of which job (and, from the claim runner, which claim) to look at,
    /// and the store holds nothing for it: a rerun trains it again.</summary>
    [Test]
    public void GetOrTrain_Diverged_NamesModelAndJobKey_StoresNothing()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, Here);
        var e = Assert.Throws<TrainingDivergedException>(() => cache.GetOrTrain(Job(1), () => new Mlp(4, [3], Activation.Tanh, 2),
            _ => throw new TrainingDivergedException("Training diverged: the loss is NaN at epoch 1, batch 1.")))!;
        Assert.That(e.Message, Does.Contain("epoch 1, batch 1").And.Contain("model Mlp([3], tanh)").And.Contain($"job {Job(1).Key()}")
            .And.Contain("nothing was stored"));
        Assert.That(Directory.EnumerateFileSystemEntries(t.Path), Is.Empty);
        Assert.That(e.ForClaim("irolla2019/mnist-target").Message, Does.StartWith("Training diverged").And.Contain("claim irolla2019/mnist-target, model Mlp"));
    }

    [TestCase("model.bin")]
    [TestCase("entry.json")]
    public void GetOrTrain_CorruptEntry_IsDetectedDeletedAndRetrained(string file)
    {
        using var t = TestEnvironment.Temp();
        var messages = new List<string>();
        var cache = new ModelCache(t.Path, Here) { OnCorrupt = messages.Add };
        Get(cache, 1);
        var path = Directory.GetFiles(t.Path, file, SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var again = Get(cache, 1);
        Assert.That(again.FromCache, Is.False);
        Assert.That(trainings, Is.EqualTo(2));
        Assert.That(messages, Has.One.Contains("corrupt").And.Contains("retraining"));
        Assert.That(Get(cache, 1).FromCache, Is.True, "the retrained entry is stored again");
    }

    /// <summary>Each stored model says where, when and by which commit it was trained, whether trained now or loaded.</summary>
    [Test]
    public void GetOrTrain_StoredModel_RecordsProvenanceAndReadsItBack()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, Here);
        var before = DateTimeOffset.UtcNow;
        var trained = Get(cache, 1);
        var loaded = Get(cache, 1);
        Assert.That(trained.Provenance.CreatedUtc, Is.InRange(before, DateTimeOffset.UtcNow));
        // The store adds the time and the training's wall time (its steps only from a TrainingHistory; this one is a list).
        Assert.That(trained.Provenance.TrainSeconds, Is.Not.Null);
        Assert.That(trained.Provenance with { CreatedUtc = default, TrainSeconds = null }, Is.EqualTo(Here));
        Assert.That(loaded.FromCache, Is.True);
        Assert.That(loaded.Provenance, Is.EqualTo(trained.Provenance));
        Assert.That(cache.Provenance(trained.Key), Is.EqualTo(trained.Provenance));
        Assert.That(File.ReadAllText(Path.Combine(t.Path, trained.Key, "entry.json")), Does.Contain("\"Provenance\"").And.Contain("0123abc"));
        Assert.That(cache.Provenance("000000000000000000000000"), Is.Null);
        File.AppendAllText(Path.Combine(t.Path, trained.Key, "entry.json"), " ");
        Assert.That(cache.Provenance(trained.Key), Is.Null, "an entry failing its sha256 check says nothing");
        Assert.That((Here.Device, Here.Cuda, Here.Commit), Is.EqualTo(("cpu", (string?)null, "0123abc")));
        Assert.That(Here.LibTorch, Is.Not.Empty);
        Assert.That(Here.Machine, Is.Not.Empty);
    }
}
