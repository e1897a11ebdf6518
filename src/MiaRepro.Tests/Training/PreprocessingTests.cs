using MiaRepro.Training;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

[TestFixture]
public sealed class PreprocessingTests
{
    [Test]
    public void PerImageStandardization_EachImageHasZeroMeanUnitStd()
    {
        var x = randint(0, 256, new long[] { 5, 3, 8, 8 }).to(uint8);
        var y = new Preprocessing { Kind = "per-image-standardization" }.Apply(x).flatten(1);
        Assert.That(y.mean([1]).abs().max().item<float>(), Is.LessThan(1e-5));
        Assert.That((y.std(1, unbiased: false) - 1).abs().max().item<float>(), Is.LessThan(1e-4));
    }

    [Test]
    public void PerImageStandardization_ConstantImage_UsesStdFloorNotDivisionByZero()
    {
        var x = full(new long[] { 1, 1, 4, 4 }, 7, dtype: uint8);
        var y = new Preprocessing { Kind = "per-image-standardization" }.Apply(x);
        Assert.That(y.isfinite().all().item<bool>(), Is.True);
        Assert.That(y.abs().max().item<float>(), Is.EqualTo(0));
    }

    [Test]
    public void PerChannel_MatchesTorchvisionNormalize()
    {
        var x = full(new long[] { 1, 3, 2, 2 }, 255, dtype: uint8);
        var p = new Preprocessing { Kind = "per-channel", Mean = [0.4914, 0.4822, 0.4465], Std = [0.2023, 0.1994, 0.2010] };
        var y = p.Apply(x);
        Assert.That(y[0, 0, 0, 0].item<float>(), Is.EqualTo((1 - 0.4914) / 0.2023).Within(1e-5));
        Assert.That(y[0, 2, 1, 1].item<float>(), Is.EqualTo((1 - 0.4465) / 0.2010).Within(1e-5));
    }

    [Test]
    public void PerChannel_WrongNumberOfMeans_NamesTheKey()
    {
        var p = new Preprocessing { Kind = "per-channel", Mean = [0.5], Std = [0.5] };
        Assert.That(Assert.Throws<ArgumentException>(() => p.Apply(zeros(1, 3, 2, 2)))!.Message, Does.Contain("preprocessing:mean"));
    }
}
