using System.Text;
using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Privacy;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>DP-SGD through the trainer: plain SGD as its σ = 0, C = ∞ limit, reproducibility, the ε it records, and
/// faults recorded with it. A float64 MLP on TrainerTests' toy problem keeps the comparisons exact to rounding.</summary>
[TestFixture, NonParallelizable]
public sealed class DpSgdTrainerTests
{
    static LabelledData Toy(int n, int seed)
    {
        var d = TrainerTests.Toy(n, seed);
        return new(d.Features.to(float64), d.Labels, d.Classes);
    }

    static TrainingSpec Spec(DpSgdSpec? dp, int epochs = 2, int batch = 32) => new()
    {
        Optimizer = "sgd", LearningRate = 0.1, Epochs = epochs, BatchSize = batch, Preprocessing = new() { Kind = "none" }, Dp = dp,
    };

    static (Mlp Model, IReadOnlyList<EpochRecord> History) Train(TrainingSpec spec, int seed = 3, int n = 256)
    {
        manual_seed(seed);
        var model = new Mlp(8, [16], Activation.Tanh, 4);
        model.to(float64);
        var history = new Trainer(spec, CPU).Train(model, Toy(n, 0), Toy(64, 1), seed);
        return (model, history);
    }

    [Test]
    public void Train_SigmaZeroClipInfinityShuffled_EqualsPlainSgd()
    {
        var (plain, _) = Train(Spec(null));
        var (dp, history) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 0, ClipNorm = double.PositiveInfinity, Sampling = "shuffle" }));
        var a = plain.parameters().Select(p => p.detach().clone()).ToList();
        var worst = a.Zip(dp.parameters()).Max(t => (t.First - t.Second).abs().max().item<double>());
        TestContext.Out.WriteLine($"max |plain − DP(σ 0, C ∞)| = {worst:E2}");
        Assert.That(worst, Is.LessThan(1e-12));
        Assert.That(history[^1].Privacy!.Epsilon, Is.EqualTo(double.PositiveInfinity));
    }

    /// <summary>Poisson sampling at q = 1 takes every member each step: one full batch, so σ 0, C ∞ is full-batch SGD
    /// (the plain trainer's permuted order sums the same terms in another order: equal to rounding).</summary>
    [Test]
    public void Train_SigmaZeroClipInfinityPoissonFullBatch_EqualsPlainFullBatchSgd()
    {
        var (plain, _) = Train(Spec(null, batch: 256));
        var (dp, history) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 0, ClipNorm = double.PositiveInfinity }, batch: 256));
        var worst = plain.parameters().Zip(dp.parameters()).Max(t => (t.First - t.Second).abs().max().item<double>());
        Assert.That(worst, Is.LessThan(1e-12));
        Assert.That((history[^1].Privacy!.SamplingRate, history[^1].Privacy!.Steps), Is.EqualTo((1.0, 2L)));
    }

    [TestCase("sgd", TestName = "Train_SameJobTwiceSgd_BitIdenticalWeights_OtherSeedDiffers")]
    [TestCase("adam", TestName = "Train_SameJobTwiceAdam_BitIdenticalWeights_OtherSeedDiffers")]
    public void Train_SameJobTwice_BitIdenticalWeights_OtherSeedDiffers(string optimizer)
    {
        var dp = new DpSgdSpec { NoiseMultiplier = 1.1, ClipNorm = 0.5 };
        TrainingSpec WithOptimizer() { var s = Spec(dp); s.Optimizer = optimizer; return s; }
        var a = Determinism.WeightBytes(Train(WithOptimizer()).Model);
        var b = Determinism.WeightBytes(Train(WithOptimizer()).Model);
        var c = Determinism.WeightBytes(Train(WithOptimizer(), seed: 4).Model);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void Train_Poisson_RecordsAccountantEpsilonPerEpoch()
    {
        var dp = new DpSgdSpec { NoiseMultiplier = 1.1, ClipNorm = 1, Delta = 1e-5 };
        var (_, history) = Train(Spec(dp, epochs: 3));
        const double q = 32.0 / 256;   // 8 steps an epoch
        for (var e = 0; e < 3; e++)
        {
            var spent = history[e].Privacy!;
            var expected = new RdpAccountant().Compose(1.1, q, 8 * (e + 1)).Epsilon(1e-5).Epsilon;
            TestContext.Out.WriteLine($"epoch {e + 1}: ε = {spent.Epsilon:F4} (δ 1e-5, σ 1.1, q {q}, {spent.Steps} steps)");
            Assert.That((spent.Epsilon, spent.SamplingRate, spent.Steps, spent.MatchesSampler, spent.Fault),
                Is.EqualTo((expected, q, 8L * (e + 1), true, "none")));
        }
        Assert.That(history[2].Privacy!.Epsilon, Is.GreaterThan(history[0].Privacy!.Epsilon));
    }

    [Test]
    public void Train_Shuffle_EpsilonLabelledAsNotMatchingSampler()
    {
        var (_, history) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 1, Sampling = "shuffle" }, epochs: 1));
        Assert.That(history[0].Privacy!.MatchesSampler, Is.False);
    }

    [Test]
    public void Train_WrongSamplingRateFault_FeedsOneOverNAndIsRecorded()
    {
        var (_, right) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 1 }, epochs: 1));
        var (_, wrong) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 1, Fault = "wrong-sampling-rate" }, epochs: 1));
        Assert.That(wrong[0].Privacy!.SamplingRate, Is.EqualTo(1.0 / 256));
        Assert.That(wrong[0].Privacy!.Fault, Is.EqualTo("wrong-sampling-rate"));
        Assert.That(wrong[0].Privacy!.Epsilon, Is.LessThan(right[0].Privacy!.Epsilon / 2));
    }

    [Test]
    public void Train_NoNoiseFault_TrainsLikeSigmaZeroButClaimsSigmasEpsilon()
    {
        var (zero, _) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 0, ClipNorm = 0.5 }));
        var (faulty, history) = Train(Spec(new DpSgdSpec { NoiseMultiplier = 2, ClipNorm = 0.5, Fault = "no-noise" }));
        Assert.That(Determinism.WeightBytes(faulty), Is.EqualTo(Determinism.WeightBytes(zero)));
        Assert.That(double.IsFinite(history[^1].Privacy!.Epsilon), Is.True);
        Assert.That(history[^1].Privacy!.Fault, Is.EqualTo("no-noise"));
    }

    /// <summary>training:dp:epsilon is only another way of giving σ: the run calibrates σ by the RDP accountant at its
    /// q and steps, spends at most the target (to the calibration's tolerance), and trains bit-identically to the run
    /// given that σ.</summary>
    [Test]
    public void Train_EpsilonTarget_CalibratesSigma_SpendsTheTarget_SameWeightsAsThatSigma()
    {
        var (targeted, history) = Train(Spec(new DpSgdSpec { Epsilon = 2, ClipNorm = 1, Delta = 1e-5 }, epochs: 3));
        const double q = 32.0 / 256;   // 8 steps an epoch
        var sigma = NoiseCalibration.Rdp(2, q, 24, 1e-5, tolerance: DpSgdSpec.CalibrationTolerance);   // q = 0.125 has 3 significant digits: no rounding up
        var spent = history[^1].Privacy!;
        TestContext.Out.WriteLine($"ε target 2: σ = {spent.NoiseMultiplier:G6}, spent ε = {spent.Epsilon:G6} over {spent.Steps} steps");
        Assert.That(spent.NoiseMultiplier, Is.EqualTo(sigma));
        Assert.That(spent.Epsilon, Is.LessThanOrEqualTo(2).And.GreaterThan(2 * (1 - 1e-3)));
        var (given, _) = Train(Spec(new DpSgdSpec { NoiseMultiplier = sigma, ClipNorm = 1, Delta = 1e-5 }, epochs: 3));
        Assert.That(Determinism.WeightBytes(targeted), Is.EqualTo(Determinism.WeightBytes(given)));
    }

    [TestCase(0.125, 0.125)]
    [TestCase(0.10373, 0.104)]
    [TestCase(0.1, 0.1)]
    [TestCase(0.0012301, 0.00124)]
    [TestCase(0.9999, 1.0)]
    public void RoundUp_ThreeSignificantDigits_NeverBelow(double q, double expected) => Assert.That(DpSgdSpec.RoundUp(q), Is.EqualTo(expected).Within(1e-15));

    /// <summary>The wrong-sampling-rate bug with a target ε: the calibration is fed 1/N too, as the accountant is, so it
    /// adds less noise than the target needs — what the bug does in a real pipeline.</summary>
    [Test]
    public void Train_EpsilonTargetWithWrongSamplingRate_CalibratesTooLittleNoise()
    {
        var (_, right) = Train(Spec(new DpSgdSpec { Epsilon = 2 }, epochs: 1));
        var (_, wrong) = Train(Spec(new DpSgdSpec { Epsilon = 2, Fault = "wrong-sampling-rate" }, epochs: 1));
        Assert.That(wrong[0].Privacy!.NoiseMultiplier, Is.LessThan(right[0].Privacy!.NoiseMultiplier / 2));
    }

    [Test]
    public void Train_DeltaAtLeastOneOverN_NamesTheKeyAndTheLimit()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(Spec(new DpSgdSpec { NoiseMultiplier = 1, Delta = 0.01 }, epochs: 1)))!;
        Assert.That(e.Message, Does.Contain("training:dp:delta is 0.01").And.Contain("256 members").And.Contain("1/N = 0.00391"));
    }

    [Test]
    public void Key_NoDp_Unchanged_DpAndItsFault_ChangeIt()
    {
        static TrainingJob Job(DpSgdSpec? dp) => new()
        {
            DatasetSha256 = "d", Members = "members", Model = new ModelSpec { Type = "Mlp" }, Training = Spec(dp), Seed = 1,
        };
        Assert.That(Encoding.UTF8.GetString(JobKey.Canonical(Job(null))), Does.Not.Contain("\"dp\""));
        var keys = new[] { Job(null), Job(new()), Job(new() { Fault = "no-clipping" }), Job(new() { Epsilon = 1 }), Job(new() { Epsilon = 2 }) }.Select(j => j.Key()).ToList();
        Assert.That(keys.Distinct().Count(), Is.EqualTo(5));
        Assert.That(Encoding.UTF8.GetString(JobKey.Canonical(Job(new()))), Does.Not.Contain("epsilon"), "a σ-given spec keeps the key it had before epsilon existed");
        Assert.That(Encoding.UTF8.GetString(JobKey.Canonical(Job(new() { Fault = "no-clipping" }))), Does.Contain("\"fault\":\"no-clipping\""));
    }

    [TestCase("noiseMultiplier", TestName = "Validate_NegativeNoise_NamesKey")]
    [TestCase("clipNorm", TestName = "Validate_ZeroClip_NamesKey")]
    [TestCase("sampling", TestName = "Validate_UnknownSampling_NamesKeyAndValues")]
    [TestCase("delta", TestName = "Validate_DeltaOne_NamesKey")]
    [TestCase("fault", TestName = "Validate_UnknownFault_NamesKeyAndValues")]
    [TestCase("epsilon", TestName = "Validate_EpsilonZero_NamesKey")]
    [TestCase("epsilon and noiseMultiplier", TestName = "Validate_EpsilonAndNoise_NamesBothKeys")]
    public void Validate_BadValue_NamesKey(string key)
    {
        var dp = new DpSgdSpec();
        switch (key)
        {
            case "noiseMultiplier": dp.NoiseMultiplier = -1; break;
            case "clipNorm": dp.ClipNorm = 0; break;
            case "sampling": dp.Sampling = "uniform"; break;
            case "delta": dp.Delta = 1; break;
            case "fault": dp.Fault = "typo"; break;
            case "epsilon": dp.Epsilon = 0; break;
            case "epsilon and noiseMultiplier": (dp.Epsilon, dp.NoiseMultiplier) = (1, 1.1); break;
        }
        var e = Assert.Throws<ArgumentException>(() => Spec(dp).Validate())!;
        Assert.That(e.Message, Does.Contain(key == "epsilon and noiseMultiplier" ? "training:dp has both epsilon" : $"training:dp:{key}"));
        if (key == "sampling") Assert.That(e.Message, Does.Contain("\"poisson\", \"shuffle\""));
        if (key == "fault") Assert.That(e.Message, Does.Contain("\"noise-divided-by-batch\""));
    }
}
