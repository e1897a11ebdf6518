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

    (nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History, bool FromCache) Get(ModelCache cache, object key) =>
        cache.GetOrTrain(key, () => { manual_seed(0); return new Mlp(4, [3], Activation.Tanh, 2); },
            m => { trainings++; using (no_grad()) m.parameters().First().add_(1); return History; });

    [SetUp]
    public void Reset() => trainings = 0;

    [Test]
    public void GetOrTrain_SecondCall_LoadsTrainedWeightsWithoutTraining()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path);
        var first = Get(cache, new { seed = 1 });
        var second = Get(cache, new { seed = 1 });
        Assert.That(trainings, Is.EqualTo(1));
        Assert.That(second.FromCache, Is.True);
        Assert.That(second.History, Is.EqualTo(History));
        Assert.That(second.Model.parameters().First().allclose(first.Model.parameters().First()), Is.True);
    }

    [Test]
    public void GetOrTrain_DifferentDescriptor_TrainsAgain()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path);
        Get(cache, new { seed = 1 });
        Get(cache, new { seed = 2 });
        Assert.That(trainings, Is.EqualTo(2));
    }

    [TestCase("model.bin")]
    [TestCase("entry.json")]
    public void GetOrTrain_CorruptEntry_IsDetectedDeletedAndRetrained(string file)
    {
        using var t = TestEnvironment.Temp();
        var messages = new List<string>();
        var cache = new ModelCache(t.Path) { OnCorrupt = messages.Add };
        Get(cache, new { seed = 1 });
        var path = Directory.GetFiles(t.Path, file, SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var again = Get(cache, new { seed = 1 });
        Assert.That(again.FromCache, Is.False);
        Assert.That(trainings, Is.EqualTo(2));
        Assert.That(messages, Has.One.Contains("corrupt").And.Contains("retraining"));
        Assert.That(Get(cache, new { seed = 1 }).FromCache, Is.True, "the retrained entry is stored again");
    }
}
