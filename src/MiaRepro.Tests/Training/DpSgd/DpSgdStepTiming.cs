using System.Diagnostics;
using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Time of one DP-SGD step (per-example gradients, clipping, noise) against one plain step, LeNet-5 on
/// CIFAR-sized inputs, batch 128. Explicit: a measurement to report, not a check (it depends on the machine).</summary>
[TestFixture, NonParallelizable, Explicit("timing, run on demand")]
public sealed class DpSgdStepTiming
{
    [Test]
    public void Step_LeNet5Batch128_TimeAgainstPlainStep()
    {
        manual_seed(1);
        var model = new LeNet5(3, 32, 10, Pooling.Max);
        var g = new Generator(2);
        var x = randn([128, 3, 32, 32], generator: g);
        var y = randint(10, [128], generator: g);
        var dp = new DpSgdSpec { NoiseMultiplier = 1, ClipNorm = 1 };
        using var perExample = new PerExampleGradients(model);
        var optimizer = optim.SGD(model.parameters(), 0.01);

        void Plain()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        void Private()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            perExample.Begin(scope);
            var grads = perExample.Compute(nn.functional.cross_entropy(model.call(x), y, reduction: nn.Reduction.Sum));
            var noisy = PrivateGradient.Of(grads, perExample.Parameters, dp, 128, g);
            for (var k = 0; k < noisy.Count; k++) perExample.Parameters[k].grad = noisy[k];
            optimizer.step();
        }
        double Ms(Action step)
        {
            for (var i = 0; i < 3; i++) step();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++) step();
            return watch.Elapsed.TotalMilliseconds / 20;
        }
        var (plain, dpsgd) = (Ms(Plain), Ms(Private));
        TestContext.Out.WriteLine($"LeNet-5, batch 128, {get_num_threads()} threads: plain {plain:F1} ms/step, DP-SGD {dpsgd:F1} ms/step ({dpsgd / plain:F1}×)");
        Assert.Pass();
    }
}
