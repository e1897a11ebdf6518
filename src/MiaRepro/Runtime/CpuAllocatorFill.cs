using System.Runtime.InteropServices;

namespace MiaRepro.Runtime;

/// <summary>
/// Whether libtorch's CPU allocator zeroes fresh memory: c10's own flag FLAGS_caffe2_cpu_allocator_do_zero_fill, set
/// through its exported symbol since TorchSharp has no API for it.
/// <para>Why <see cref="Zero"/> is on in every process (<see cref="TorchRuntime.EnsureInitialized"/>): on AVX-512 CPUs
/// (seen on a 2-core AMD EPYC, family 26) libtorch 2.10's oneDNN convolutions read memory they never wrote (seen: the
/// forward pass with 20, 24 or 40 input channels, none a multiple of the 16-channel AVX-512 block, and the input
/// gradient for most channel counts), and what they read is multiplied by zero. Heap garbage that is finite vanishes
/// (0·x = 0, so runs stay bit-identical), garbage that happens to be a NaN or Inf bit pattern does not (0·NaN = NaN):
/// IrollaMnistCnn's loss turned NaN at random. Zeroed allocations make those reads harmless and results deterministic.
/// Disabling oneDNN instead cost 1.3–13× per training step here (SmallVgg 29 → 379 ms); zeroing costs little on small
/// models and about +50 % per step on IrollaCnn's large CIFAR activations (median 90–110 → 160 ms).</para>
/// </summary>
public static class CpuAllocatorFill
{
    const string ZeroFlag = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    const int RtldNoLoad = 0x4;

    /// <summary>Every later CPU allocation of this process is zeroed.</summary>
    public static bool Zero
    {
        get => Marshal.ReadByte(Flag(ZeroFlag)) != 0;
        set => Marshal.WriteByte(Flag(ZeroFlag), value ? (byte)1 : (byte)0);
    }

    // libc10 is loaded by TorchSharp's first call; RTLD_NOLOAD finds that copy (the bundled one or MIAREPRO_LIBTORCH's).
    static IntPtr Flag(string name)
    {
        TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
        var c10 = Libdl.Open("libc10.so", Libdl.RtldNow | RtldNoLoad);
        var symbol = c10 == IntPtr.Zero ? IntPtr.Zero : Libdl.Symbol(c10, name);
        return symbol != IntPtr.Zero ? symbol : throw new InvalidOperationException(
            $"libtorch's libc10.so does not export {name} ({Libdl.LastError()}), which MiaRepro sets so that CPU kernels " +
            "never compute on uninitialised memory. Use libtorch 2.10 (the bundled package, or MIAREPRO_LIBTORCH pointing at a 2.10 lib directory).");
    }
}
