using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

[TestFixture, NonParallelizable]
public sealed class TrainerTests
{
    // A learnable toy problem: the class is the sign pattern of two of the inputs.
    internal static LabelledData Toy(int n, int seed)
    {
        var g = new Generator((ulong)seed);
        var x = randn(new long[] { n, 8 }, generator: g);
        var y = (x[.., 0] > 0).to(int64) * 2 + (x[.., 1] > 0).to(int64);
        return new(x, y, 4);
    }

    static TrainingSpec Spec(int epochs = 3) => new() { Epochs = epochs, BatchSize = 32, LearningRate = 1e-2, Preprocessing = new() { Kind = "none" } };

    static IReadOnlyList<EpochRecord> Train(TrainingSpec spec, int seed, LabelledData? data = null)
    {
        manual_seed(seed);
        var model = new Mlp(8, [16], Activation.Tanh, 4);
        return new Trainer(spec, CPU).Train(model, data ?? Toy(512, 0), Toy(256, 1), seed);
    }

    [Test]
    public void Train_LearnableProblem_ReachesHighAccuracy()
    {
        var history = Train(Spec(epochs: 15), 0);
        Assert.That(history[^1].TestAccuracy, Is.GreaterThan(85));
        Assert.That(history[^1].TrainLoss, Is.LessThan(history[0].TrainLoss));
    }

    [Test]
    public void Train_SameSeed_IdenticalHistory_DifferentSeed_Differs()
    {
        var a = Train(Spec(), 3);
        var b = Train(Spec(), 3);
        var c = Train(Spec(), 4);
        Assert.That(a.Select(e => e.TrainLoss), Is.EqualTo(b.Select(e => e.TrainLoss)));
        Assert.That(c.Select(e => e.TrainLoss), Is.Not.EqualTo(a.Select(e => e.TrainLoss)));
    }

    /// <summary>A fixed-seed CPU run is deterministic: its losses and accuracies are snapshotted, so any change to
    /// training that moves a number shows as a diff (rounded to 4 decimals, what is stable here).</summary>
    [Test]
    public void Train_FixedSeed_HistorySnapshot()
    {
        var history = Train(Spec(epochs: 4), 11);
        SnapshotFiles.Match(history.Select(e => new { e.Epoch, Loss = Math.Round(e.TrainLoss, 4), e.TrainAccuracy, e.TestAccuracy }), "Trainer_FixedSeedHistory");
    }

    /// <summary>A student trained only on a teacher's soft labels (no labels) learns the teacher's function, and
    /// mismatched teacher logits are a clear error.</summary>
    [Test]
    public void Train_Distillation_StudentLearnsFromSoftLabelsAlone()
    {
        var data = Toy(512, 0);
        manual_seed(0);
        var teacher = new Mlp(8, [16], Activation.Tanh, 4);
        new Trainer(Spec(epochs: 15), CPU).Train(teacher, data, Toy(256, 1), 0);
        var teacherLogits = MiaRepro.Training.Evaluation.Logits(teacher, data.Features);
        // Scrambled labels: whatever the student learns comes from the teacher's outputs.
        var scrambled = data with { Labels = data.Labels.flip(0) };
        manual_seed(1);
        var student = new Mlp(8, [16], Activation.Tanh, 4);
        var history = new Trainer(Spec(epochs: 15), CPU) { Teacher = (teacherLogits, 4.0) }.Train(student, scrambled, Toy(256, 1), 1);
        Assert.That(history[^1].TestAccuracy, Is.GreaterThan(80));
        var bad = new Trainer(Spec(), CPU) { Teacher = (teacherLogits[..10], 4.0) };
        Assert.That(Assert.Throws<ArgumentException>(() => bad.Train(new Mlp(8, [16], Activation.Tanh, 4), data, Toy(256, 1), 0))!.Message,
            Does.Contain("512 members").And.Contain("got 10"));
    }

    [Test]
    public void Train_NaNInput_StopsNamingEpochAndBatch()
    {
        var data = Toy(512, 0);
        data.Features[100, 3] = tensor(float.NaN);
        var spec = Spec();
        spec.Shuffle = false;
        var e = Assert.Throws<TrainingDivergedException>(() => Train(spec, 0, data))!;
        Assert.That(e.Message, Does.Contain("epoch 1, batch 4").And.Contain("NaN"));
    }

    [TestCase("penalty")]
    [TestCase("weight-decay")]
    public void Train_L2_ShrinksWeights(string mode)
    {
        double WeightNorm(double lambda)
        {
            var spec = Spec(epochs: 5);
            spec.L2 = new L2Regularization { Lambda = lambda, Mode = mode };
            manual_seed(0);
            var model = new Mlp(8, [16], Activation.Tanh, 4);
            new Trainer(spec, CPU).Train(model, Toy(512, 0), Toy(64, 1), 0);
            return model.parameters().Where(p => p.dim() > 1).Sum(p => p.square().sum().item<float>());
        }
        Assert.That(WeightNorm(0.05), Is.LessThan(WeightNorm(0) * 0.8));
    }

    [Test]
    public void Train_RunningAccuracy_DiffersFromEvalPass()
    {
        var running = Spec(epochs: 2);
        running.TrainAccuracy = "running";
        var a = Train(running, 0);
        var b = Train(Spec(epochs: 2), 0);
        Assert.That(a[0].TrainLoss, Is.EqualTo(b[0].TrainLoss), "same training, only the measurement differs");
        Assert.That(a[0].TrainAccuracy, Is.Not.EqualTo(b[0].TrainAccuracy));
    }

    /// <summary>Every batch runs in a dispose scope: the number of live tensors must not grow with epochs. (Resident
    /// memory is recorded too, but in a shared test process it moves with the GC and other tests; the paper-scale
    /// histories in results/ show it flat over 100 epochs.)</summary>
    [Test]
    public void Train_ManyEpochs_LiveTensorsStayFlat()
    {
        var spec = new TrainingSpec { Epochs = 30, BatchSize = 64, Preprocessing = new() { Kind = "none" } };
        manual_seed(0);
        var model = new LeNet5(3, 32, 10, Pooling.Average);
        var x = randn(1024, 3, 32, 32);
        var y = randint(0, 10, 1024, dtype: int64);
        var history = new Trainer(spec, CPU).Train(model, new LabelledData(x, y, 10), new LabelledData(x[..256], y[..256], 10), 0);
        TestContext.Out.WriteLine($"live tensors epoch 5: {history[4].LiveTensors}, epoch 30: {history[^1].LiveTensors}; " +
                                  $"RSS {history[4].ResidentMb:F0} → {history[^1].ResidentMb:F0} MB");
        // One tensor escaping per batch would add 16 × 25 = 400.
        Assert.That(history[^1].LiveTensors, Is.LessThanOrEqualTo(history[4].LiveTensors), "live tensors grew: a tensor escapes its dispose scope");
    }

    [TestCase(0, "training:epochs")]
    [TestCase(-1, "training:batchSize")]
    public void Validate_ImpossibleValues_NameTheKey(int value, string key)
    {
        var spec = Spec();
        if (key.EndsWith("epochs", StringComparison.Ordinal)) spec.Epochs = value; else spec.BatchSize = value;
        var e = Assert.Throws<ArgumentException>(spec.Validate)!;
        Assert.That(e.Message, Does.Contain(key));
    }

    [Test]
    public void Validate_NegativeLambda_NamesTheKey()
    {
        var spec = Spec();
        spec.L2.Lambda = -0.1;
        Assert.That(Assert.Throws<ArgumentException>(spec.Validate)!.Message, Does.Contain("training:l2:lambda"));
    }
}
