using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>A plan's steps (<see cref="ModelSteps"/>) are the steps the trainers take, and the store records them with
/// the training's wall time and device for every model trained now.</summary>
[TestFixture]
public sealed class ModelStepsTests
{
    static TrainingSpec Spec(int epochs, int batch, DpSgdSpec? dp = null) => new()
    {
        Optimizer = "sgd", LearningRate = 0.1, Epochs = epochs, BatchSize = batch, Preprocessing = new() { Kind = "none" }, Dp = dp,
    };

    static LabelledData Data(int n)
    {
        manual_seed(1);
        return new(randn(n, 4), randint(0, 2, n, dtype: int64), 2);
    }

    // 10 members, batch 4: 3 batches an epoch (the last one of 2). Poisson at q = 0.4: round(1 / 0.4) = round(2.5) = 2 an epoch.
    [TestCase(3, 4, null, 9)]
    [TestCase(2, 10, null, 2)]
    [TestCase(3, 4, "shuffle", 9)]
    [TestCase(3, 4, "poisson", 6)]
    [TestCase(2, 64, "poisson", 2)]
    public void Trainers_TakeTheStepsAPlanCounts(int epochs, int batch, string? sampling, long expected)
    {
        var spec = Spec(epochs, batch, sampling is null ? null : new DpSgdSpec { NoiseMultiplier = 1, Sampling = sampling });
        var data = Data(10);
        manual_seed(0);
        var history = new Trainer(spec, CPU).Train(new Mlp(4, [3], Activation.Tanh, 2), data, data, seed: 0);
        Assert.That(ModelSteps.Of(spec, 10), Is.EqualTo(expected));
        Assert.That(history, Is.InstanceOf<TrainingHistory>().With.Property("Steps").EqualTo(expected));
    }

    [Test]
    public void GetOrTrain_RecordsStepsWallTimeAndDevice_AndRunOriginsSumThem()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, ModelCacheTests.Here);
        var data = Data(10);
        TrainedModel Train(int seed)
        {
            var job = ModelCacheTests.Job(seed) with { Training = Spec(3, 4) };
            return cache.GetOrTrain(job, () => new Mlp(4, [3], Activation.Tanh, 2), m => new Trainer(job.Training, CPU).Train(m, data, data, seed));
        }
        var (first, second) = (Train(1), Train(2));
        var stored = cache.Provenance(first.Key)!;
        Assert.That(stored.ModelSteps, Is.EqualTo(9));
        Assert.That(stored.TrainSeconds, Is.Not.Null.And.GreaterThanOrEqualTo(0));
        Assert.That(stored.Device, Is.EqualTo(ModelCacheTests.Here.Device));
        var origin = ModelOrigin.Of([first.Provenance, second.Provenance]).Single();
        Assert.That(origin.ModelSteps, Is.EqualTo(18));
        Assert.That(origin.TrainSeconds, Is.Not.Null);
    }

    /// <summary>A model stored before steps were recorded (or a history from elsewhere) records none, and a group holding
    /// one writes no sum rather than a partial one.</summary>
    [Test]
    public void Put_PlainHistory_RecordsNoSteps_AndOriginsWriteNoPartialSum()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, ModelCacheTests.Here);
        var plain = cache.Put(ModelCacheTests.Job(1), new Mlp(4, [3], Activation.Tanh, 2), [new EpochRecord(1, 0.5, 80, 70, 100)]);
        var counted = cache.Put(ModelCacheTests.Job(2), new Mlp(4, [3], Activation.Tanh, 2), new TrainingHistory([new EpochRecord(1, 0.5, 80, 70, 100)], 5));
        Assert.That(cache.Provenance(plain.Key)!.ModelSteps, Is.Null);
        Assert.That(cache.Provenance(counted.Key)!.ModelSteps, Is.EqualTo(5));
        Assert.That(ModelOrigin.Of([plain.Provenance, counted.Provenance]).Single().ModelSteps, Is.Null);
    }
}
