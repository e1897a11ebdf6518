using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace MiaRepro.Runtime;

/// <summary>What a result was computed on: machine, CPU, GPU, CUDA (recorded in run.json and with every stored model).</summary>
public static class MachineInfo
{
    /// <summary>OS, CPU model and ISA, cores, architecture.</summary>
    public static string Describe() =>
        $"{RuntimeInformation.OSDescription}, {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.ProcessArchitecture}";

    /// <summary>"cpu", or the CUDA device with its GPU's model where the driver names it ("cuda:0 (NVIDIA H200)").</summary>
    public static string DeviceName(torch.Device device)
    {
        if (device.type != DeviceType.CUDA) return device.type.ToString().ToLowerInvariant();
        var index = Math.Max(device.index, 0);
        var gpus = GpuModels();
        return $"cuda:{index}{(index < gpus.Count ? $" ({gpus[index]})" : "")}";
    }

    /// <summary>The CUDA version libtorch was built for, from its version's local part ("2.10.0+cu128" → "12.8"), else "unknown".</summary>
    public static string CudaVersion() => CudaVersion(TorchRuntime.LibTorchVersion);

    public static string CudaVersion(string libTorchVersion) =>
        Regex.Match(libTorchVersion, @"\+cu(\d+)(\d)$") is { Success: true } m ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : "unknown";

    /// <summary>The CPU's model name and widest vector ISA (Linux): trained numbers depend on the kernels libtorch picks for it.</summary>
    public static string CpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return "cpu model unknown";
            var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToList();   // the first processor's block
            string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
            var flags = Field("flags").Split(' ');
            var isa = flags.Contains("avx512f") ? "AVX-512" : flags.Contains("avx2") ? "AVX2" : "no AVX2";
            return $"{(Field("model name") is { Length: > 0 } m ? m : "cpu model unknown")} ({isa})";
        }
        catch (IOException) { return "cpu model unknown"; }
    }

    /// <summary>GPU models in PCI bus order, as the NVIDIA driver lists them (Linux; empty elsewhere).</summary>
    static List<string> GpuModels()
    {
        const string root = "/proc/driver/nvidia/gpus";
        try
        {
            if (!Directory.Exists(root)) return [];
            return Directory.GetDirectories(root).Order(StringComparer.Ordinal)
                .Select(d => File.ReadLines(Path.Combine(d, "information")).FirstOrDefault(l => l.StartsWith("Model:", StringComparison.Ordinal))?[6..].Trim() ?? "unknown GPU")
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
