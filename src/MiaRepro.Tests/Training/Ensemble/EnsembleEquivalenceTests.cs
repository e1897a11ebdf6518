using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.Ensemble;

/// <summary>
/// The many-model engine's strategies give the same members as the same jobs trained one at a time with the plain
/// <see cref="Trainer"/>: float64, ragged member sizes (short last batches, members finishing at different steps),
/// mirroring, learning-rate decay, L2 penalty and weight decay, to 1e-5 after every step of 3 epochs.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class EnsembleEquivalenceTests
{
    const int Pool = 48;

    static LabelledData Images(int seed)
    {
        var g = new Generator((ulong)seed);
        return new(randn([Pool, 3, 32, 32], generator: g, dtype: float64), randint(0, 10, [Pool], generator: g), 10);
    }

    /// <summary>Four members on 13, 20, 24 and 9 of the pool's rows (batch 8: 2, 3, 3 and 2 batches per epoch).</summary>
    static List<MemberJob> Jobs(TrainingSpec spec)
    {
        var rows = Enumerable.Range(0, Pool).Select(i => (long)i).ToArray();
        return new[] { (0, 13), (5, 20), (24, 24), (40, 8) }.Select((r, m) =>
        {
            var ins = rows.Skip(r.Item1).Take(r.Item2).ToArray();
            var job = new TrainingJob { DatasetSha256 = "d", Members = $"m{m}", Model = new ModelSpec(), Training = spec, Seed = 100 + m };
            return new MemberJob(job, ins, rows.Except(ins).ToArray(), 100 + m);
        }).ToList();
    }

    static nn.Module<Tensor, Tensor> Build(MemberJob _)
    {
        var model = new LeNet5(3, 32, 10, Pooling.Average);
        model.to(float64);
        return model;
    }

    /// <summary>"plain"; "everything": mirroring, lr decay, an L2 penalty and eval-pass train accuracy; "weight-decay".</summary>
    static TrainingSpec Spec(string variant) => new()
    {
        Epochs = 3, BatchSize = 8, LearningRate = 1e-2, TrainAccuracy = variant == "everything" ? "eval-pass" : "running",
        Augment = variant == "everything" ? "mirror" : null, LrDecay = variant == "everything" ? 0.05 : 0,
        L2 = variant switch
        {
            "everything" => new L2Regularization { Lambda = 1e-3, Mode = "penalty" },
            "weight-decay" => new L2Regularization { Lambda = 1e-2, Mode = "weight-decay" },
            _ => new(),
        },
    };

    static (Tensor[] Parameters, IReadOnlyList<EpochRecord> History)[] Train(TrainingSpec spec, EnsembleStrategy strategy)
    {
        var results = new (Tensor[], IReadOnlyList<EpochRecord>)[4];
        var pool = Images(1);
        new ManyModelTrainer(spec, CPU, strategy) { GroupSize = 4 }.Train(pool, Jobs(spec), Build,
            (i, model, history) => results[i] = (model.parameters().Select(p => p.detach().clone()).ToArray(), history));
        return results;
    }

    [TestCase(EnsembleStrategy.Parallel, "plain")]
    [TestCase(EnsembleStrategy.Grouped, "plain")]
    [TestCase(EnsembleStrategy.Parallel, "everything")]
    [TestCase(EnsembleStrategy.Grouped, "everything")]
    [TestCase(EnsembleStrategy.Grouped, "weight-decay")]
    public void Strategy_TrainsTheSameMembersAsOneAtATime(EnsembleStrategy strategy, string variant)
    {
        var spec = Spec(variant);
        var alone = Train(spec, EnsembleStrategy.OneAtATime);
        var together = Train(spec, strategy);
        for (var m = 0; m < alone.Length; m++)
        {
            var gap = alone[m].Parameters.Zip(together[m].Parameters, (a, b) => (a - b).abs().max().item<double>()).Max();
            Assert.That(gap, Is.LessThan(1e-5), $"member {m}: largest parameter difference");
            var moved = alone[m].Parameters.Zip(Train0(m), (a, b) => (a - b).abs().max().item<double>()).Max();
            Assert.That(moved, Is.GreaterThan(1e-3), $"member {m} did not train");
            Assert.That(together[m].History.Select(e => e.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(together[m].History.Select(e => e.TrainLoss), Is.EqualTo(alone[m].History.Select(e => e.TrainLoss)).Within(1e-6));
            Assert.That(together[m].History.Select(e => e.TrainAccuracy), Is.EqualTo(alone[m].History.Select(e => e.TrainAccuracy)));
            Assert.That(together[m].History.Select(e => e.TestAccuracy), Is.EqualTo(alone[m].History.Select(e => e.TestAccuracy)));
        }
    }

    /// <summary>Member m's initial parameters.</summary>
    static Tensor[] Train0(int m)
    {
        manual_seed(100 + m);
        return Build(null!).parameters().Select(p => p.detach().clone()).ToArray();
    }

    [Test]
    public void GroupedLeNet5_ComputesEachMembersOwnLogits()
    {
        var members = Enumerable.Range(0, 3).Select(m => { manual_seed(m); var n = new LeNet5(1, 28, 10, Pooling.Max); n.to(float64); return n; }).ToList();
        using var ensemble = new GroupedLeNet5(members);
        var x = randn([3, 5, 1, 28, 28], dtype: float64);
        var grouped = ensemble.call(x);
        for (var m = 0; m < 3; m++)
        {
            Assert.That((grouped[m] - members[m].call(x[m])).abs().max().item<double>(), Is.LessThan(1e-12));
            using var extracted = ensemble.Extract(m);
            Assert.That((extracted.call(x[m]) - members[m].call(x[m])).abs().max().item<double>(), Is.LessThan(1e-12));
        }
    }

    [Test]
    public void GroupedLeNet5_WithNoMembers_SaysKIsZero() =>
        Assert.That(() => new GroupedLeNet5([]), Throws.ArgumentException.With.Message.Contains("K = 0"));

    [Test]
    public void StackedAdam_IsKIndependentAdams_AndLeavesAnInactiveMemberUntouched()
    {
        var a = new TorchSharp.Modules.Parameter(randn(3, 4, dtype: float64));
        var b = new TorchSharp.Modules.Parameter(randn(3, 4, dtype: float64));
        var stacked = cat([a.detach(), b.detach()], 0).requires_grad_();
        var torchA = optim.Adam([a], 0.1, weight_decay: 0.01);
        var torchB = optim.Adam([b], 0.1, weight_decay: 0.01);
        var ours = new StackedAdam([stacked], 2, 0.1, weightDecay: 0.01);
        for (var step = 0; step < 5; step++)
        {
            var bSteps = step != 2;   // member 1 sits out step 2
            torchA.zero_grad(); torchB.zero_grad(); ours.ZeroGrad();
            (a.pow(3).sum() + b.sin().sum()).backward();
            (stacked[..3].pow(3).sum() + stacked[3..].sin().sum()).backward();
            torchA.step();
            if (bSteps) torchB.step();
            var before = stacked[3..].detach().clone();
            ours.Step([true, bSteps]);
            if (!bSteps) Assert.That((stacked[3..] - before).abs().max().item<double>(), Is.Zero);
        }
        Assert.That((stacked[..3] - a).abs().max().item<double>(), Is.LessThan(1e-12));
        Assert.That((stacked[3..] - b).abs().max().item<double>(), Is.LessThan(1e-12));
    }

    [Test]
    public void Grouped_WithSgd_SaysItTrainsAdamOnly() =>
        Assert.That(() => EnsembleStrategies.Choose("grouped", false, new ModelSpec(), new TrainingSpec { Optimizer = "sgd" }),
            Throws.ArgumentException.With.Message.Contains("Adam only"));

    [Test]
    public void Engine_Unknown_NamesTheSettingAndChoices() =>
        Assert.That(() => EnsembleStrategies.Choose("fast", false, new ModelSpec(), new TrainingSpec()),
            Throws.ArgumentException.With.Message.Contains("MIAREPRO_ENGINE 'fast'").And.Message.Contains("parallel"));

    [Test]
    public void Parallel_MemberThatFails_IsRethrownAfterTheOthersStop()
    {
        var spec = Spec("plain");
        var stored = new List<int>();
        Assert.That(() => new ManyModelTrainer(spec, CPU, EnsembleStrategy.Parallel).Train(Images(1), Jobs(spec), Build,
            (i, _, _) => { if (i == 1) throw new InvalidOperationException("disk full"); stored.Add(i); }),
            Throws.InvalidOperationException.With.Message.EqualTo("disk full"));
        Assert.That(stored, Does.Not.Contain(1));
    }
}
