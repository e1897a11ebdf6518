using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>
/// The determinism guard: the same job trained twice in one process gives bit-identical weights, for every model type
/// <see cref="ModelSpec"/> builds, each training started on a heap poisoned with NaNs, so that a kernel reading memory it
/// never wrote (the oneDNN fault, CpuAllocatorFill) shows on whatever machine CI runs instead of now and then.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class DeterminismTests
{
    /// <summary>An input each architecture is used with in the claims.</summary>
    static readonly Dictionary<string, (ModelSpec Spec, long[] Shape)> Inputs = new()
    {
        ["LeNet5"] = (new() { Type = "LeNet5" }, [3, 32, 32]),
        ["PreetiCnn"] = (new() { Type = "PreetiCnn" }, [3, 32, 32]),
        ["IrollaCnn"] = (new() { Type = "IrollaCnn" }, [3, 32, 32]),
        ["IrollaMnistCnn"] = (new() { Type = "IrollaMnistCnn" }, [1, 28, 28]),
        ["SmallVgg"] = (new() { Type = "SmallVgg" }, [1, 28, 28]),
        ["Mlp"] = (new() { Type = "Mlp", Hidden = [64, 32] }, [105]),
    };

    static IEnumerable<string> Types() => ModelSpec.Types;

    [Test]
    public void EveryModelType_HasAGuardInput() => Assert.That(Inputs.Keys, Is.EquivalentTo(ModelSpec.Types));

    [TestCaseSource(nameof(Types))]
    public void SameJobTwice_BitIdenticalWeights(string type)
    {
        var (spec, shape) = Inputs[type];
        var g = new Generator(3);
        var members = new LabelledData(randn([192, .. shape], generator: g), randint(0, 10, new long[] { 192 }, generator: g), 10);
        var nonMembers = new LabelledData(randn([32, .. shape], generator: g), randint(0, 10, new long[] { 32 }, generator: g), 10);
        var training = new TrainingSpec { BatchSize = 64, Epochs = 2, Augment = shape.Length == 3 ? "mirror" : null };

        byte[] Train()
        {
            Determinism.PoisonHeap();
            manual_seed(5);
            using var model = spec.Build(shape, 10);
            new Trainer(training, CPU).Train(model, members, nonMembers, seed: 5);
            Assert.That(Determinism.AllFinite(model), Is.True, $"{type}: a weight is NaN or infinite after 6 steps");
            return Determinism.WeightBytes(model);
        }

        Assert.That(Train(), Is.EqualTo(Train()), $"{type}: two trainings of the same job differ");
    }

    /// <summary>The many-model engine's strategies too: each member's weights are the same on a second run.</summary>
    [TestCase(EnsembleStrategy.Parallel)]
    [TestCase(EnsembleStrategy.Grouped)]
    public void ManyModelEngine_SameJobsTwice_BitIdenticalMembers(EnsembleStrategy strategy)
    {
        var g = new Generator(4);
        var pool = new LabelledData(randn(new long[] { 160, 3, 32, 32 }, generator: g), randint(0, 10, new long[] { 160 }, generator: g), 10);
        var training = new TrainingSpec { BatchSize = 40, Epochs = 1 };
        var jobs = Enumerable.Range(0, 3).Select(m =>
        {
            var ins = Enumerable.Range(0, 160).Where(i => (i + m) % 2 == 0).Select(i => (long)i).ToArray();
            var outs = Enumerable.Range(0, 160).Where(i => (i + m) % 2 == 1).Select(i => (long)i).ToArray();
            var job = new TrainingJob { DatasetSha256 = "synthetic", Members = $"m{m}", Model = new() { Type = "LeNet5" }, Training = training, Seed = 10 + m };
            return new MemberJob(job, ins, outs, 10 + m);
        }).ToList();

        byte[][] Train()
        {
            var weights = new byte[jobs.Count][];
            Determinism.PoisonHeap();
            new ManyModelTrainer(training, CPU, strategy) { Workers = 2 }.Train(pool, jobs, _ => new LeNet5(3, 32, 10, Pooling.Average),
                (i, model, _) => { weights[i] = Determinism.WeightBytes(model); model.Dispose(); });
            return weights;
        }

        Assert.That(Train(), Is.EqualTo(Train()));
    }
}
