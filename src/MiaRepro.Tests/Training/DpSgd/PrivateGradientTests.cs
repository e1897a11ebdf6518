using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Clipping, noise and the planted faults of one DP-SGD step, on hand-made per-example gradients.</summary>
[TestFixture, NonParallelizable]
public sealed class PrivateGradientTests
{
    static DpSgdSpec Dp(double sigma = 1, double clip = 1, string fault = "none") => new() { NoiseMultiplier = sigma, ClipNorm = clip, Fault = fault };

    // Two parameters ([2] and [1, 2]) for three examples: norms 5 (3,4 | 0,0), 1000 (0,0 | 600,800), 0.5 (0.3,0.4 | 0,0).
    static List<Tensor> Grads() =>
    [
        tensor(new double[] { 3, 4, 0, 0, 0.3, 0.4 }).view(3, 2),
        tensor(new double[] { 0, 0, 600, 800, 0, 0 }).view(3, 1, 2),
    ];

    [Test]
    public void ClippedSums_HugeExample_ContributesAtMostC()
    {
        var sums = PrivateGradient.ClippedSums(Grads(), Dp(clip: 1));
        // Each example scaled to norm min(‖g‖, C) over both parameters: 1, 1, and the small one (0.5) unchanged.
        Assert.That(sums[0].data<double>().ToArray(), Is.EqualTo(new[] { 0.6 + 0.3, 0.8 + 0.4 }).Within(1e-6));
        Assert.That(sums[1].data<double>().ToArray(), Is.EqualTo(new[] { 0.6, 0.8 }).Within(1e-6));
        var total = sums.Select(s => s.square().sum().item<double>()).Sum();
        Assert.That(Math.Sqrt(total), Is.LessThanOrEqualTo(3 * 1.0));
    }

    [Test]
    public void ClippedSums_NoClippingFault_SumsRawGradients()
    {
        var sums = PrivateGradient.ClippedSums(Grads(), Dp(clip: 1, fault: "no-clipping"));
        Assert.That(sums[1].data<double>().ToArray(), Is.EqualTo(new[] { 600.0, 800.0 }));
        Assert.That(sums[0].data<double>().ToArray(), Is.EqualTo(new[] { 3.3, 4.4 }).Within(1e-12));
    }

    /// <summary>The noise on a 10⁶-coordinate parameter with zero gradients: its std is σC/L after the division by L,
    /// so ×L it is σC within a few standard errors (SE of a std ≈ std/√(2n) = 0.07 % here).</summary>
    [TestCase("none", 1.0, TestName = "Of_Noise_StdIsSigmaC")]
    [TestCase("noise-divided-by-batch", 1.0 / 50, TestName = "Of_NoiseDividedByBatchFault_StdIsSigmaCOverL")]
    [TestCase("no-noise", 0.0, TestName = "Of_NoNoiseFault_AddsNothing")]
    public void Of_NoiseStd(string fault, double relative)
    {
        const double sigma = 1.3, clip = 0.7, l = 50;
        var parameter = zeros(1000, 1000, dtype: float64);
        var perExample = new List<Tensor> { zeros(4, 1000, 1000, dtype: float64) };
        var noisy = PrivateGradient.Of(perExample, [parameter], Dp(sigma, clip, fault), l, new Generator(3))[0] * l;
        var std = noisy.std().item<double>();
        var expected = sigma * clip * relative;
        TestContext.Out.WriteLine($"{fault}: empirical std {std:G6}, expected {expected:G6}");
        Assert.That(std, Is.EqualTo(expected).Within(expected * 5 / Math.Sqrt(2e6) + 1e-15));
        Assert.That(PrivateGradient.NoiseStd(Dp(sigma, clip, fault), l), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void Of_EmptyBatch_IsNoiseOverL()
    {
        var parameter = zeros(3, dtype: float64);
        var a = PrivateGradient.Of(null, [parameter], Dp(2, 1), 10, new Generator(9))[0];
        var b = randn([3], dtype: float64, generator: new Generator(9)) * 2 / 10;
        Assert.That(a.data<double>().ToArray(), Is.EqualTo(b.data<double>().ToArray()));
    }

    [Test]
    public void Of_SameGenerator_SameNoiseBitwise()
    {
        var p = zeros(100);
        var a = PrivateGradient.Of(null, [p], Dp(), 4, new Generator(1))[0].data<float>().ToArray();
        var b = PrivateGradient.Of(null, [p], Dp(), 4, new Generator(1))[0].data<float>().ToArray();
        Assert.That(a, Is.EqualTo(b));
    }
}
