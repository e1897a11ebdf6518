using MiaRepro.IO;
using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Models;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro bench train`: LeNet-5 (CIFAR-10 shape, batch 128, Adam) ms per training step in TorchSharp, and in the same
/// run PyTorch's (tools/reference/bench_lenet5.py; python3 from MIAREPRO_PYTHON, default the system's python3-torch) at the
/// same thread count and on the same device (MIAREPRO_DEVICE), as a ratio. A benchmark, not a test: numbers go to
/// results/bench/train.json on the CPU, train-cuda.json on a GPU.
/// </summary>
internal static class Bench
{
    const int Warmup = 20, Steps = 200, Batch = 128;

    public static int Train(MiaReproSettings settings)
    {
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        var device = Runtime.TorchRuntime.ResolveDevice(settings.Device);
        torch.set_num_threads(threads);
        var ours = TorchSharpStep(device);
        AnsiConsole.MarkupLineInterpolated($"TorchSharp 0.107 ({Runtime.TorchRuntime.LibTorchSource}): {ours:F2} ms/step on {device} ({threads} threads)");
        var (pytorch, version) = PyTorchStep(settings.Root, threads, device);
        var ratio = pytorch is null ? (double?)null : ours / pytorch.Value;
        if (pytorch is null) AnsiConsole.MarkupLineInterpolated($"PyTorch: not measured ({version})");
        else AnsiConsole.MarkupLineInterpolated($"PyTorch {version}: {pytorch:F2} ms/step ({threads} threads) → ratio TorchSharp/PyTorch = {ratio:F2}");
        var result = new
        {
            benchmark = $"LeNet-5 train step, CIFAR-10 shape 3×32×32, batch 128, Adam lr 1e-3, cross-entropy, {device.type}",
            threads, warmupSteps = Warmup, timedSteps = Steps,
            torchSharpMsPerStep = Math.Round(ours, 2), pyTorchMsPerStep = pytorch is null ? (double?)null : Math.Round(pytorch.Value, 2),
            pyTorchVersion = version, ratio = ratio is null ? (double?)null : Math.Round(ratio.Value, 3),
            run = RunInfo.Capture(settings, device.ToString(), [0], TimeSpan.Zero, 0, 0),
        };
        var path = Path.Combine(settings.Results, "bench", device.type == DeviceType.CUDA ? "train-cuda.json" : "train.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonFormat.Indented));
        AnsiConsole.MarkupLineInterpolated($"→ {path}");
        return 0;
    }

    static double TorchSharpStep(Device device)
    {
        torch.manual_seed(0);
        using var model = new LeNet5(3, 32, 10, Pooling.Average);
        model.to(device);
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        using var x = randn(Batch, 3, 32, 32, device: device);
        using var y = randint(0, 10, Batch, dtype: int64, device: device);
        // CUDA runs asynchronously: time finished work, not queued launches.
        void Sync() { if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device); }
        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        for (var i = 0; i < Warmup; i++) Step();
        Sync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Steps; i++) Step();
        Sync();
        return clock.Elapsed.TotalMilliseconds / Steps;
    }

    static (double? Ms, string Version) PyTorchStep(string root, int threads, Device device)
    {
        var (json, problem) = ReferencePython.Run(root, "bench_lenet5.py", $"--threads {threads} --warmup {Warmup} --steps {Steps} --device {device}");
        return json is { } j ? (j.GetProperty("ms_per_step").GetDouble(), j.GetProperty("torch").GetString() ?? "?") : (null, problem);
    }
}
