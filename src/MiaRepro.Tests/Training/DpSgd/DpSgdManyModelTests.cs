using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using MiaRepro.Training.Ensemble;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>K private members in the many-model engine: side by side (parallel) they are bit for bit the members
/// trained one at a time, each with its own ε; the grouped module, which has no per-example path, refuses them.</summary>
[TestFixture, NonParallelizable]
public sealed class DpSgdManyModelTests
{
    static readonly TrainingSpec Spec = new()
    {
        Optimizer = "sgd", LearningRate = 0.05, Epochs = 2, BatchSize = 8, Preprocessing = new() { Kind = "none" },
        Dp = new DpSgdSpec { NoiseMultiplier = 1.0, ClipNorm = 1.0 },
    };

    static List<MemberJob> Jobs()
    {
        var rows = Enumerable.Range(0, 40).Select(i => (long)i).ToArray();
        return Enumerable.Range(0, 3).Select(m =>
        {
            var ins = rows.Skip(10 * m).Take(16).ToArray();
            var job = new TrainingJob { DatasetSha256 = "d", Members = $"m{m}", Model = new ModelSpec(), Training = Spec, Seed = 10 + m };
            return new MemberJob(job, ins, rows.Except(ins).ToArray(), 10 + m);
        }).ToList();
    }

    static (byte[] Weights, IReadOnlyList<EpochRecord> History)[] Train(EnsembleStrategy strategy)
    {
        var g = new Generator(1);
        var pool = new LabelledData(randn([40, 3, 32, 32], generator: g, dtype: float64), randint(0, 10, [40], generator: g), 10);
        var results = new (byte[], IReadOnlyList<EpochRecord>)[3];
        new ManyModelTrainer(Spec, CPU, strategy) { Workers = 2 }.Train(pool, Jobs(), _ =>
        {
            var model = new LeNet5(3, 32, 10, Pooling.Average);
            model.to(float64);
            return model;
        }, (i, model, history) => results[i] = (Determinism.WeightBytes(model), history));
        return results;
    }

    [Test]
    public void Parallel_PrivateMembers_BitIdenticalToOneAtATime_EachWithEpsilon()
    {
        var alone = Train(EnsembleStrategy.OneAtATime);
        var together = Train(EnsembleStrategy.Parallel);
        for (var m = 0; m < 3; m++)
        {
            Assert.That(together[m].Weights, Is.EqualTo(alone[m].Weights), $"member {m}");
            var spent = together[m].History[^1].Privacy!;
            Assert.That((spent.SamplingRate, spent.Steps), Is.EqualTo((0.5, 4L)));   // q = 8/16, 2 steps an epoch
        }
        Assert.That(alone[0].Weights, Is.Not.EqualTo(alone[1].Weights));
    }

    [Test]
    public void Choose_DpMembers_NeverGrouped()
    {
        var lenet = new ModelSpec();
        var adam = new TrainingSpec { Dp = new DpSgdSpec() };
        Assert.That(EnsembleStrategies.Choose("auto", true, lenet, adam), Is.Not.EqualTo(EnsembleStrategy.Grouped));
        Assert.That(() => EnsembleStrategies.Choose("grouped", true, lenet, adam),
            Throws.ArgumentException.With.Message.Contains("training:dp"));
    }
}
