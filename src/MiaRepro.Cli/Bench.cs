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
/// run PyTorch's (tools/reference/bench_lenet5.py with the system's python3-torch) at the same thread count, as a ratio.
/// A benchmark, not a test: numbers go to results/bench/train.json.
/// </summary>
internal static class Bench
{
    const int Warmup = 20, Steps = 200, Batch = 128;

    public static int Train(MiaReproSettings settings)
    {
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        torch.set_num_threads(threads);
        var ours = TorchSharpStep(threads);
        AnsiConsole.MarkupLineInterpolated($"TorchSharp 0.107 / libtorch 2.10: {ours:F2} ms/step ({threads} threads)");
        var (pytorch, version) = PyTorchStep(settings.Root, threads);
        var ratio = pytorch is null ? (double?)null : ours / pytorch.Value;
        if (pytorch is null) AnsiConsole.MarkupLineInterpolated($"PyTorch: not measured ({version})");
        else AnsiConsole.MarkupLineInterpolated($"PyTorch {version}: {pytorch:F2} ms/step ({threads} threads) → ratio TorchSharp/PyTorch = {ratio:F2}");
        var result = new
        {
            benchmark = "LeNet-5 train step, CIFAR-10 shape 3×32×32, batch 128, Adam lr 1e-3, cross-entropy, CPU",
            threads, warmupSteps = Warmup, timedSteps = Steps,
            torchSharpMsPerStep = Math.Round(ours, 2), pyTorchMsPerStep = pytorch is null ? (double?)null : Math.Round(pytorch.Value, 2),
            pyTorchVersion = version, ratio = ratio is null ? (double?)null : Math.Round(ratio.Value, 3),
            run = RunInfo.Capture(settings, "cpu", [0], TimeSpan.Zero, 0, 0),
        };
        var path = Path.Combine(settings.Results, "bench", "train.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, ClaimRunner.Json));
        AnsiConsole.MarkupLineInterpolated($"→ {path}");
        return 0;
    }

    static double TorchSharpStep(int threads)
    {
        torch.manual_seed(0);
        using var model = new LeNet5(3, 32, 10, Pooling.Average);
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        using var x = randn(Batch, 3, 32, 32);
        using var y = randint(0, 10, Batch, dtype: int64);
        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        for (var i = 0; i < Warmup; i++) Step();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Steps; i++) Step();
        return clock.Elapsed.TotalMilliseconds / Steps;
    }

    static (double? Ms, string Version) PyTorchStep(string root, int threads)
    {
        var script = Path.Combine(root, "tools", "reference", "bench_lenet5.py");
        try
        {
            using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" --threads {threads} --warmup {Warmup} --steps {Steps}")
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return (null, $"python3 failed: {error.Trim().Split('\n').LastOrDefault()} (apt-get install python3-torch)");
            using var json = JsonDocument.Parse(output);
            return (json.RootElement.GetProperty("ms_per_step").GetDouble(), json.RootElement.GetProperty("torch").GetString() ?? "?");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"/usr/bin/python3 not found ({e.Message})");
        }
    }
}
