using MiaRepro.Runtime;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Runtime;

public sealed class MachineInfoTests
{
    [TestCase("2.10.0+cu128", "12.8")]
    [TestCase("2.10.0+cu130", "13.0")]
    [TestCase("2.10.0", "unknown")]
    [TestCase("2.10.0+cpu", "unknown")]
    public void CudaVersion_LibTorchLocalVersion_NamesCuda(string libTorch, string cuda) =>
        Assert.That(MachineInfo.CudaVersion(libTorch), Is.EqualTo(cuda));

    [Test]
    public void DeviceName_Cpu_IsCpu() => Assert.That(MachineInfo.DeviceName(CPU), Is.EqualTo("cpu"));
}
