using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.IO;
using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro bench dp`: what DP-SGD costs here, side by side on the same batches (issue 40). Per model — LeNet-5 on
/// CIFAR-10's shape and the audits' MLP on MNIST's, batch 128, SGD — ms per plain step against a DP-SGD step (per-example
/// gradients from one backward, clipping, noise: <see cref="PerExampleGradients"/>, <see cref="PrivateGradient"/>), and
/// the per-example gradients alone against the test oracle's loop of one backward per example. Ratios, not times, are
/// the result; results/bench/dp-sgd.json (dp-sgd-cuda.json on a GPU). A benchmark, never a test.
/// </summary>
internal static class BenchDp
{
    const int Warmup = 5, Steps = 40, LoopSteps = 5, Batch = 128;

    public static int Run(MiaReproSettings settings)
    {
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        var device = Runtime.TorchRuntime.ResolveDevice(settings.Device);
        torch.set_num_threads(threads);
        var rows = new List<object>();
        // Each benched model is built from its ModelSpec, which the row names, so `plan` prices that spec's DP steps.
        foreach (var (spec, dataset, shape) in new (ModelSpec, string, long[])[]
                 {
                     (new ModelSpec { Type = "LeNet5", Pooling = "average" }, "cifar10", [3, 32, 32]),
                     (new ModelSpec { Type = "Mlp", Hidden = [64], Activation = "tanh" }, "mnist", [784]),
                 })
        {
            var name = $"{spec}, {string.Join("×", shape)}";
            nn.Module<Tensor, Tensor> build() => spec.Build(shape, 10);
            var plain = Time(build, shape, device, Steps, PlainStep);
            var dp = Time(build, shape, device, Steps, DpStep);
            var hooks = Time(build, shape, device, Steps, (m, x, y, _) => PerExample(m, x, y));
            var loop = Time(build, shape, device, LoopSteps, (m, x, y, _) => Loop(m, x, y));
            AnsiConsole.MarkupLineInterpolated($"{name}: plain {plain:F2} ms, DP-SGD {dp:F2} ms (×{dp / plain:F2}); per-example gradients {hooks:F2} ms, loop {loop:F1} ms (×{loop / hooks:F1})");
            rows.Add(new
            {
                model = name, modelSpec = spec.ToString(), dataset, batchSize = Batch, plainMsPerStep = Math.Round(plain, 2), dpSgdMsPerStep = Math.Round(dp, 2), dpOverPlain = Math.Round(dp / plain, 3),
                perExampleMs = Math.Round(hooks, 2), loopMs = Math.Round(loop, 2), loopOverPerExample = Math.Round(loop / hooks, 2),
            });
        }
        var result = new
        {
            benchmark = $"DP-SGD step against a plain SGD step, batch {Batch}, on {device.type}; per-example gradients (one backward, Opacus-style hooks) against a loop of one backward per example",
            threads, warmupSteps = Warmup, timedSteps = Steps, loopTimedSteps = LoopSteps, rows,
            run = RunInfo.Capture(settings, device.ToString(), [0], TimeSpan.Zero, 0, 0),
        };
        var path = Path.Combine(settings.Results, "bench", device.type == DeviceType.CUDA ? "dp-sgd-cuda.json" : "dp-sgd.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonFormat.Indented));
        AnsiConsole.MarkupLineInterpolated($"→ {path}");
        return 0;
    }

    static double Time(Func<nn.Module<Tensor, Tensor>> build, long[] shape, Device device, int steps,
        Action<nn.Module<Tensor, Tensor>, Tensor, Tensor, Generator> step)
    {
        torch.manual_seed(0);
        using var model = build();
        model.to(device);
        using var x = randn([Batch, .. shape], device: device);
        using var y = randint(0, 10, Batch, dtype: int64, device: device);
        var generator = new Generator(0);
        void Sync() { if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device); }
        for (var i = 0; i < Warmup; i++) step(model, x, y, generator);
        Sync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) step(model, x, y, generator);
        Sync();
        return clock.Elapsed.TotalMilliseconds / steps;
    }

    static void PlainStep(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Generator _)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        nn.functional.cross_entropy(model.call(x), y).backward();
        using (no_grad()) foreach (var p in model.parameters()) p.sub_(p.grad! * 0.01);
    }

    static readonly DpSgdSpec Dp = new() { NoiseMultiplier = 1.0, ClipNorm = 1.0 };

    static void DpStep(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var perExample = new PerExampleGradients(model);
        perExample.Begin(scope);
        var grads = perExample.Compute(nn.functional.cross_entropy(model.call(x), y, reduction: nn.Reduction.Sum));
        var noisy = PrivateGradient.Of(grads, perExample.Parameters, Dp, Batch, generator);
        using (no_grad()) for (var k = 0; k < noisy.Count; k++) perExample.Parameters[k].sub_(noisy[k] * 0.01);
    }

    static void PerExample(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var perExample = new PerExampleGradients(model);
        perExample.Begin(scope);
        perExample.Compute(nn.functional.cross_entropy(model.call(x), y, reduction: nn.Reduction.Sum));
    }

    static void Loop(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var parameters = model.parameters().Cast<Tensor>().ToList();
        for (var i = 0; i < Batch; i++)
        {
            var loss = nn.functional.cross_entropy(model.call(x[i..(i + 1)]), y[i..(i + 1)], reduction: nn.Reduction.Sum);
            torch.autograd.grad([loss], parameters);
        }
    }
}
