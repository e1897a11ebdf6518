using System.Security.Cryptography;
using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>The real files, pinned: sizes, class counts, first labels and a checksum of the first image.</summary>
[TestFixture, NonParallelizable]
public sealed class DatasetTests
{
    static string FirstImageSha(LabelledData d) =>
        Convert.ToHexStringLower(SHA256.HashData(d.Features[0].flatten().data<byte>().ToArray()));

    [Test]
    public void Cifar10_Load_MatchesOfficialSizesCountsAndFirstImage()
    {
        var d = DatasetLoader.Load("cifar10", TestEnvironment.DataRoot);
        Assert.That(d.Train.Features.shape, Is.EqualTo(new long[] { 50000, 3, 32, 32 }));
        Assert.That(d.Test.Count, Is.EqualTo(10000));
        Assert.That(d.Train.ClassCounts(), Is.All.EqualTo(5000));
        Assert.That(d.Test.ClassCounts(), Is.All.EqualTo(1000));
        Assert.That(d.Train.Labels[..10].data<long>().ToArray(), Is.EqualTo(new long[] { 6, 9, 9, 4, 1, 1, 2, 7, 8, 3 }));
        Assert.That(d.Test.Labels[..10].data<long>().ToArray(), Is.EqualTo(new long[] { 3, 8, 8, 0, 6, 6, 1, 6, 3, 1 }));
        Assert.That(FirstImageSha(d.Train), Is.EqualTo("e052de7deb775f78e5e3b718032db5e72434ae6f0d34152c7ad434521631b17c"));
        Assert.That(FirstImageSha(d.Test), Is.EqualTo("73eefb0106f2b7a2660668be6875682f6aa9c20820633725642b0cc87dc59198"));
    }

    [Test]
    public void Mnist_Load_HasOfficialClassCounts()
    {
        var d = DatasetLoader.Load("mnist", TestEnvironment.DataRoot);
        Assert.That(d.Train.Features.shape, Is.EqualTo(new long[] { 60000, 1, 28, 28 }));
        Assert.That(d.Train.ClassCounts(), Is.EqualTo(new long[] { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 }));
        Assert.That(d.Test.ClassCounts(), Is.EqualTo(new long[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }));
        Assert.That(FirstImageSha(d.Train), Is.EqualTo("23ceaef5eb61f0e70d64ac18fdf0f60df3d5971cf30bbadac7b6ebf07f782d2c"));
    }

    [Test]
    public void FashionMnist_LoadFromDebianPackageGz_Has6000PerClass()
    {
        var d = DatasetLoader.Load("fashion-mnist", TestEnvironment.DataRoot);
        Assert.That(d.Train.ClassCounts(), Is.All.EqualTo(6000));
        Assert.That(d.Test.ClassCounts(), Is.All.EqualTo(1000));
        Assert.That(FirstImageSha(d.Train), Is.EqualTo("5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b"));
    }

    [Test]
    public void Adult_Load_Has105FeaturesAndOfficialLabelCounts()
    {
        var d = DatasetLoader.Load("adult", TestEnvironment.DataRoot);
        Assert.That(d.Train.Features.shape, Is.EqualTo(new long[] { 32561, 105 }));
        Assert.That(d.Test.Features.shape, Is.EqualTo(new long[] { 16281, 105 }));
        Assert.That(d.Train.ClassCounts(), Is.EqualTo(new long[] { 24720, 7841 }));
        Assert.That(d.Test.ClassCounts(), Is.EqualTo(new long[] { 12435, 3846 }));
        // numeric columns standardized on train: mean 0, std 1
        var numeric = d.Train.Features[.., ..6];
        Assert.That(numeric.mean([0]).abs().max().item<float>(), Is.LessThan(1e-4));
        Assert.That((numeric.std(0, unbiased: false) - 1).abs().max().item<float>(), Is.LessThan(1e-3));
    }
}
