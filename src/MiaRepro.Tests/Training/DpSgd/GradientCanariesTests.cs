using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Dirac gradient canaries inside DP-SGD: with no noise the auditor sees exactly c on the steps an included
/// canary joins and 0 otherwise (no member's gradient reaches a weight from an input that is 0 in every member), the
/// final weights moved by lr/L·Σₜxₜ, and the same audited job twice observes bit-identical values.</summary>
[TestFixture, NonParallelizable]
public sealed class GradientCanariesTests
{
    const int Inputs = 8, DeadInput = 7;
    static readonly long[] Coordinates = [0 * Inputs + DeadInput, 1 * Inputs + DeadInput, 2 * Inputs + DeadInput, 3 * Inputs + DeadInput];
    static readonly bool[] Included = [true, false, true, false];

    static LabelledData Members(int n)
    {
        var d = TrainerTests.Toy(n, 0);
        var x = d.Features.to(float64);
        x[.., DeadInput] = 0;   // input 7 is 0 in every member
        return new(x, d.Labels, d.Classes);
    }

    static (Mlp Model, GradientCanaries Canaries, double[] Initial) Train(DpSgdSpec dp, int seed = 3, double normOverC = 1)
    {
        manual_seed(seed);
        var model = new Mlp(Inputs, [16], Activation.Tanh, 4);
        model.to(float64);
        var initial = Weights(model);
        var canaries = new GradientCanaries(0, Coordinates, Included, normOverC);
        var spec = new TrainingSpec { Optimizer = "sgd", LearningRate = 0.1, Epochs = 2, BatchSize = 32, Preprocessing = new() { Kind = "none" }, Dp = dp };
        new DpSgdTrainer(spec, CPU) { Canaries = canaries }.Train(model, Members(256), Members(64), seed);
        return (model, canaries, initial);
    }

    static double[] Weights(Mlp model) =>
        model.parameters().First().detach().reshape(-1).index_select(0, tensor(Coordinates)).cpu().data<double>().ToArray();

    [Test]
    public void Train_NoNoise_ObservesExactlyTheIncludedCanariesJoins_AndTheWeightsMoveByTheirSum()
    {
        var dp = new DpSgdSpec { NoiseMultiplier = 0, ClipNorm = 1 };
        var (model, canaries, initial) = Train(dp);
        var c = GradientCanaries.ClippedNorm(dp);
        Assert.That(canaries.Observed, Has.Count.EqualTo(16));   // q = 32/256: 8 steps an epoch, 2 epochs
        var joins = 0;
        for (var k = 0; k < Coordinates.Length; k++)
        {
            var seen = canaries.Observed.Select(o => o[k]).ToArray();
            if (Included[k])
            {
                Assert.That(seen, Has.All.EqualTo(0).Or.EqualTo(c), $"canary {k}");
                joins += seen.Count(v => v == c);
            }
            else Assert.That(seen, Has.All.EqualTo(0), $"excluded canary {k}");
            // Plain SGD: θ_T = θ₀ − lr·Σₜ xₜ / L with L = q·N = 32.
            Assert.That(initial[k] - Weights(model)[k], Is.EqualTo(0.1 * seen.Sum() / 32).Within(1e-12), $"canary {k}'s weight");
        }
        Assert.That(joins, Is.GreaterThan(0), "no included canary joined in 16 steps at q = 1/8 (expected 4)");    }

    /// <summary>A canary of norm 10·C is clipped to C by DP-SGD, and seen at 10·C when the fault skips clipping.</summary>
    [TestCase("none", 1.0)]
    [TestCase("no-clipping", 10.0)]
    public void Train_LargeCanary_IsClippedUnlessClippingIsSkipped(string fault, double seenOverC)
    {
        var dp = new DpSgdSpec { NoiseMultiplier = 0, ClipNorm = 0.5, Fault = fault };
        var (_, canaries, _) = Train(dp, normOverC: 10);
        var joined = canaries.Observed.SelectMany(o => o).Where(v => v != 0).ToArray();
        Assert.That(joined, Is.Not.Empty);
        Assert.That(joined, Has.All.EqualTo(seenOverC * 0.5).Within(1e-5));
    }

    [Test]
    public void Train_SameAuditedJobTwice_BitIdenticalObservations()
    {
        var dp = new DpSgdSpec { NoiseMultiplier = 1.1, ClipNorm = 0.5 };
        var a = Train(dp).Canaries.Observed.SelectMany(o => o).ToArray();
        var b = Train(dp).Canaries.Observed.SelectMany(o => o).ToArray();
        var other = Train(dp, seed: 4).Canaries.Observed.SelectMany(o => o).ToArray();
        Assert.That(b, Is.EqualTo(a));
        Assert.That(other, Is.Not.EqualTo(a));
    }

    [Test]
    public void Train_ShuffleSampling_IsRefusedNamingTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(new DpSgdSpec { NoiseMultiplier = 1, ClipNorm = 1, Sampling = "shuffle" }));
        Assert.That(e!.Message, Does.Contain("training:dp:sampling"));
    }

    [Test]
    public void New_SharedCoordinateOrMismatchedMask_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GradientCanaries(0, [3, 3], [true, false]));
        Assert.Throws<ArgumentException>(() => new GradientCanaries(0, [3, 4], [true]));
    }
}
