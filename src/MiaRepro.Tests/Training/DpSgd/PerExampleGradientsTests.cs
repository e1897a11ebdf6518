using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Per-example gradients from one backward (Opacus-style, per layer) against the oracle: a loop over the
/// examples with one backward each. In float64 they agree to rounding (≈ 1e-16 relative), far inside 1e-6.</summary>
[TestFixture, NonParallelizable]
public sealed class PerExampleGradientsTests
{
    public static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData(new Func<nn.Module<Tensor, Tensor>>(() => new LeNet5(3, 32, 10, Pooling.Max)), new long[] { 3, 32, 32 }, 10)
            .SetName("Compute_LeNet5Cifar_EqualsLoopTo1e6");
        yield return new TestCaseData(new Func<nn.Module<Tensor, Tensor>>(() => new LeNet5(1, 28, 10, Pooling.Average)), new long[] { 1, 28, 28 }, 10)
            .SetName("Compute_LeNet5MnistPadded_EqualsLoopTo1e6");
        yield return new TestCaseData(new Func<nn.Module<Tensor, Tensor>>(() => new Mlp(105, [5], Activation.Sigmoid, 1)), new long[] { 105 }, 2)
            .SetName("Compute_MlpOneLogit_EqualsLoopTo1e6");
        yield return new TestCaseData(new Func<nn.Module<Tensor, Tensor>>(() => new Mlp(8, [16, 12], Activation.Tanh, 4)), new long[] { 8 }, 4)
            .SetName("Compute_MlpTwoHidden_EqualsLoopTo1e6");
    }

    [TestCaseSource(nameof(Models))]
    public void Compute_EqualsLoop(Func<nn.Module<Tensor, Tensor>> build, long[] inputShape, int classes)
    {
        manual_seed(5);
        var model = build();
        model.to(float64);
        var g = new Generator(7);
        const int b = 6;
        var x = randn([b, .. inputShape], dtype: float64, generator: g);
        var y = randint(classes, [b], generator: g);

        using var perExample = new PerExampleGradients(model);
        using var scope = NewDisposeScope();
        perExample.Begin(scope);
        var loss = nn.functional.cross_entropy(TwoClassLogits.Expand(model.call(x)), y, reduction: nn.Reduction.Sum);
        var fast = perExample.Compute(loss);

        var worst = 0.0;
        for (var i = 0; i < b; i++)
        {
            model.zero_grad();
            nn.functional.cross_entropy(TwoClassLogits.Expand(model.call(x[i..(i + 1)])), y[i..(i + 1)]).backward();
            for (var k = 0; k < fast.Count; k++)
                worst = Math.Max(worst, (fast[k][i] - perExample.Parameters[k].grad!).abs().max().item<double>());
        }
        TestContext.Out.WriteLine($"max |per-example − loop| = {worst:E2}");
        Assert.That(worst, Is.LessThan(1e-6));
        Assert.That(fast.Select(t => t.shape[0]), Is.All.EqualTo(b));
    }

    /// <summary>float32, as models train: the same comparison; differences are float32 rounding of O(1) gradients.</summary>
    [Test]
    public void Compute_LeNet5Float32_EqualsLoopToRounding()
    {
        manual_seed(5);
        var model = new LeNet5(3, 32, 10, Pooling.Max);
        var g = new Generator(7);
        var x = randn([4, 3, 32, 32], generator: g);
        var y = randint(10, [4], generator: g);
        using var perExample = new PerExampleGradients(model);
        using var scope = NewDisposeScope();
        perExample.Begin(scope);
        var fast = perExample.Compute(nn.functional.cross_entropy(model.call(x), y, reduction: nn.Reduction.Sum));
        var worst = 0.0;
        for (var i = 0; i < 4; i++)
        {
            model.zero_grad();
            nn.functional.cross_entropy(model.call(x[i..(i + 1)]), y[i..(i + 1)]).backward();
            for (var k = 0; k < fast.Count; k++)
                worst = Math.Max(worst, (fast[k][i] - perExample.Parameters[k].grad!).abs().max().to(float64).item<double>());
        }
        TestContext.Out.WriteLine($"float32: max |per-example − loop| = {worst:E2}");
        Assert.That(worst, Is.LessThan(1e-5));
    }

    [Test]
    public void Constructor_ModelWithBatchNorm_NamesTheLayer()
    {
        var model = nn.Sequential(("dense", nn.Linear(4, 4)), ("norm", nn.BatchNorm1d(4)));
        var e = Assert.Throws<ArgumentException>(() => new PerExampleGradients(model))!;
        Assert.That(e.Message, Does.Contain("'norm'").And.Contain("BatchNorm"));
    }
}
