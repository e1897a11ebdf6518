using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.IO;
using MiaRepro.Models;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using Spectre.Console;
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro bench ensemble`: ms per model-step of K LeNet-5s (CIFAR-10 shape, batch 128, Adam, each member its own
/// shuffle of a shared random pool) trained by each <see cref="EnsembleStrategy"/> through the real engine
/// (<see cref="ManyModelTrainer"/>, one epoch of <see cref="Steps"/> batches per member), K ∈ {1, 2, 8, 32, 64}, and in
/// the same run PyTorch's loop, parallel processes and grouped module (tools/reference/bench_ensemble.py) on the same
/// device and threads, as ratios. A benchmark, not a test: results/bench/ensemble.json (ensemble-cuda.json on a GPU).
/// </summary>
internal static class BenchEnsemble
{
    const int Steps = 20, Batch = 128;

    public static int Run(MiaReproSettings settings)
    {
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        var device = Runtime.TorchRuntime.ResolveDevice(settings.Device);
        torch.set_num_threads(threads);
        var ks = (settings.Configuration["ks"] ?? "1,2,8,32,64").Split(',').Select(int.Parse).ToArray();
        var strategies = device.type == DeviceType.CUDA
            ? new[] { EnsembleStrategy.OneAtATime, EnsembleStrategy.Grouped }
            : [EnsembleStrategy.OneAtATime, EnsembleStrategy.Parallel, EnsembleStrategy.Grouped];
        MsPerModelStep(device, EnsembleStrategy.OneAtATime, 1);   // warm up
        var ours = ks.Select(k => (K: k, Ms: strategies.ToDictionary(s => s, s =>
        {
            var ms = MsPerModelStep(device, s, k);
            AnsiConsole.MarkupLineInterpolated($"TorchSharp K={k} {s}: {ms:F2} ms per model-step");
            return ms;
        }))).ToList();
        var (pytorch, version) = PyTorch(settings.Root, threads, device, ks);
        var rows = ours.Select(o =>
        {
            var theirs = pytorch?.Single(p => p.GetProperty("k").GetInt32() == o.K);
            double? Their(string name) => theirs is { } t && t.TryGetProperty(name, out var v) ? Math.Round(v.GetDouble(), 2) : null;
            var best = new[] { Their("loop"), Their("parallel"), Their("grouped") }.Where(v => v is not null).Min();
            var ourBest = o.Ms.Values.Min();
            return new
            {
                k = o.K,
                torchSharp = o.Ms.ToDictionary(p => Name(p.Key), p => Math.Round(p.Value, 2)),
                pyTorch = new { loop = Their("loop"), parallel = Their("parallel"), grouped = Their("grouped") },
                speedupOverOurLoop = o.Ms.ToDictionary(p => Name(p.Key), p => Math.Round(o.Ms[EnsembleStrategy.OneAtATime] / p.Value, 2)),
                ourBestOverPyTorchBest = best is null ? (double?)null : Math.Round(ourBest / best.Value, 2),
            };
        }).ToList();
        var result = new
        {
            benchmark = $"ms per model-step: K LeNet-5s, CIFAR-10 shape 3×32×32, batch 128, Adam lr 1e-3, {Steps} steps per member, {device.type}; " +
                        "speedupOverOurLoop > 1 is faster than training the members one after another with all threads; ourBestOverPyTorchBest < 1 is faster than PyTorch's best way here",
            threads, stepsPerMember = Steps, pyTorchVersion = version, rows,
            run = RunInfo.Capture(settings, device.ToString(), [0], TimeSpan.Zero, 0, 0),
        };
        var path = Path.Combine(settings.Results, "bench", device.type == DeviceType.CUDA ? "ensemble-cuda.json" : "ensemble.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonFormat.Indented));
        AnsiConsole.MarkupLineInterpolated($"→ {path}");
        return 0;
    }

    static string Name(EnsembleStrategy s) => s switch
    {
        EnsembleStrategy.OneAtATime => "loop", EnsembleStrategy.Parallel => "parallel", _ => "grouped",
    };

    static double MsPerModelStep(Device device, EnsembleStrategy strategy, int k)
    {
        torch.manual_seed(0);
        var pool = new LabelledData(randn(Batch * Steps, 3, 32, 32), randint(0, 10, Batch * Steps, dtype: int64), 10);
        var rows = Enumerable.Range(0, Batch * Steps).Select(i => (long)i).ToArray();
        var spec = new TrainingSpec { Epochs = 1, BatchSize = Batch, TrainAccuracy = "running" };
        var jobs = Enumerable.Range(0, k).Select(m => new MemberJob(new TrainingJob { DatasetSha256 = "random", Members = "all", Model = new ModelSpec(), Training = spec, Seed = m }, rows, rows[..Batch], m)).ToList();
        var clock = Stopwatch.StartNew();
        new ManyModelTrainer(spec, device, strategy).Train(pool, jobs, _ => new LeNet5(3, 32, 10, Pooling.Average), (_, model, _) => model.Dispose());
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
        pool.Features.Dispose(); pool.Labels.Dispose();
        return clock.Elapsed.TotalMilliseconds / (k * Steps);
    }

    static (List<JsonElement>? Rows, string Version) PyTorch(string root, int threads, Device device, int[] ks)
    {
        var (json, problem) = ReferencePython.Run(root, "bench_ensemble.py", $"--threads {threads} --steps {Steps} --ks {string.Join(',', ks)} --device {device}");
        return json is { } j ? (j.GetProperty("rows").EnumerateArray().ToList(), j.GetProperty("torch").GetString() ?? "?") : (null, problem);
    }
}
