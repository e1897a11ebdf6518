using MiaRepro.Runtime;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Runtime;

[TestFixture, NonParallelizable]
public sealed class TorchRuntimeTests
{
    [Test]
    public void Torch_ConvForwardAndBackward_Works()
    {
        manual_seed(0);
        var conv = nn.Conv2d(3, 6, 5);
        var x = randn(new long[] { 4, 3, 32, 32 }, requires_grad: true);
        conv.call(x).tanh().sum().backward();
        Assert.That(x.grad, Is.Not.Null);
        Assert.That(x.grad!.abs().sum().item<float>(), Is.GreaterThan(0));
        Assert.That(conv.weight!.grad!.shape, Is.EqualTo(new long[] { 6, 3, 5, 5 }));
    }

    /// <summary>The shim is loaded exactly where the system libstdc++ lacks GLIBCXX_3.4.32, never on a modern distro.</summary>
    [Test]
    public void Shim_LoadedOnlyWhereTheSystemLacksTheVersion()
    {
        TorchRuntime.EnsureInitialized();
        Assert.That(TorchRuntime.ShimLoaded, Is.EqualTo(!TorchRuntime.SystemHasRequiredGlibcxx()));
    }

    [Test]
    public void ResolveDevice_CudaWithoutCuda_SaysHowToFix()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has CUDA");
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda"))!;
        Assert.That(e.Message, Does.Contain("MIAREPRO_DEVICE").And.Contain(TorchRuntime.LibTorchVariable));
        Assert.That(TorchRuntime.ResolveDevice("auto").type, Is.EqualTo(TorchSharp.DeviceType.CPU));
    }

    /// <summary>run.json and doctor report the version the external libtorch records, not the one TorchSharp was built for.</summary>
    [TestCase("torch", "version.py", "__version__ = '2.11.0+cu130'\ngit_version = 'abc'\n", "2.11.0+cu130")]
    [TestCase("libtorch", "build-version", "2.10.0+cu128\n", "2.10.0+cu128")]
    [TestCase("libtorch", "README", "nothing here", null)]
    public void ExternalVersion_ReadsWhatTheInstallRecords(string folder, string file, string text, string? expected)
    {
        var root = Path.Combine(Path.GetTempPath(), $"miarepro-libtorch-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, folder, "lib"));
            File.WriteAllText(Path.Combine(root, folder, file), text);
            Assert.That(TorchRuntime.ExternalVersion(Path.Combine(root, folder, "lib") + "/"), Is.EqualTo(expected));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
