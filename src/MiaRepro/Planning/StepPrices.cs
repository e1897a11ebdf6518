using System.Text.Json;

namespace MiaRepro.Planning;

/// <summary>What one optimizer step of a model type costs on a device, and which committed benchmark row says so.</summary>
public sealed record StepPrice(double MsPerStep, string Source);

/// <summary>
/// Milliseconds per model-step from the committed benchmarks in results/bench/: train.json (LeNet-5 on the CPU),
/// train-cuda.json (LeNet-5 on CUDA) and shadow-training.json (one row per shadow-attack model, CPU: seconds per epoch
/// over its steps per epoch) price plain steps; dp-sgd.json prices DP-SGD steps (and plain ones) of the models it names
/// (its rows' modelSpec). A DP-SGD job is priced only by a DP-SGD row (per-example gradients cost 3–16× a plain step
/// here). A model type no row names has no price: a plan shows it as unknown rather than borrowing
/// another type's. A row measured on another dataset or batch size is used, and its source says so.
/// </summary>
public sealed class StepPrices
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    sealed record Row(string Model, string Dataset, int BatchSize, string Device, double MsPerStep, string Source, bool Dp = false);

    readonly List<Row> rows = [];

    /// <summary>The rows of the benchmarks present in <paramref name="benchDir"/> (absent files add none).</summary>
    public static StepPrices Load(string benchDir)
    {
        var prices = new StepPrices();
        JsonElement? Read(string name) => File.Exists(Path.Combine(benchDir, name))
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(benchDir, name))).RootElement : null;
        // Both LeNet-5 benchmarks time CIFAR-10-shaped batches of 128 (bench_lenet5.py and `bench train`).
        if (Read("train.json") is { } cpu)
            prices.rows.Add(new("LeNet5", "cifar10", 128, Cpu, cpu.GetProperty("torchSharpMsPerStep").GetDouble(), "train.json"));
        if (Read("train-cuda.json") is { } gpu)
            prices.rows.Add(new("LeNet5", "cifar10", 128, Gpu, gpu.GetProperty("torchSharpMsPerStep").GetDouble(), "train-cuda.json"));
        if (Read("shadow-training.json") is { } shadows)
            foreach (var r in shadows.GetProperty("rows").EnumerateArray())
            {
                var batch = r.GetProperty("batchSize").GetInt32();
                var stepsPerEpoch = (r.GetProperty("shadowSize").GetInt32() + batch - 1) / batch;
                prices.rows.Add(new(r.GetProperty("model").GetString()!, r.GetProperty("dataset").GetString()!, batch, Cpu,
                    r.GetProperty("secondsPerEpoch").GetDouble() * 1000 / stepsPerEpoch, $"shadow-training.json {r.GetProperty("experiment").GetString()}"));
            }
        foreach (var (file, device) in new[] { ("dp-sgd.json", Cpu), ("dp-sgd-cuda.json", Gpu) })
            if (Read(file) is { } dp)
                foreach (var r in dp.GetProperty("rows").EnumerateArray())
                {
                    // Rows written before they named their spec, dataset and batch price nothing rather than be guessed.
                    if (!r.TryGetProperty("modelSpec", out var spec)) continue;
                    var (model, dataset, batch) = (spec.GetString()!, r.GetProperty("dataset").GetString()!, r.GetProperty("batchSize").GetInt32());
                    prices.rows.Add(new(model, dataset, batch, device, r.GetProperty("plainMsPerStep").GetDouble(), $"{file} plain"));
                    prices.rows.Add(new(model, dataset, batch, device, r.GetProperty("dpSgdMsPerStep").GetDouble(), $"{file} DP-SGD", Dp: true));
                }
        return prices;
    }

    /// <summary>The price of a step of <paramref name="model"/> (its description, e.g. "IrollaCnn(no dropout)", or its
    /// type, e.g. "LeNet5") on <paramref name="dataset"/> with batches of <paramref name="batchSize"/>: a row for the same
    /// dataset first, else one for another dataset; null when no row names the model. <paramref name="dp"/>: a DP-SGD
    /// step, priced only by DP-SGD rows.</summary>
    public StepPrice? Find(Models.ModelSpec model, string dataset, int batchSize, string device, bool dp = false)
    {
        var named = rows.Where(r => r.Device == device && r.Dp == dp && (r.Model == model.ToString() || r.Model == model.Type)).ToList();
        var row = named.FirstOrDefault(r => r.Dataset == dataset) ?? named.FirstOrDefault();
        if (row is null) return null;
        var caveats = new List<string>();
        if (row.Dataset != dataset) caveats.Add($"measured on {row.Dataset}");
        if (row.BatchSize != batchSize) caveats.Add($"at batch {row.BatchSize}");
        return new(row.MsPerStep, row.Source + (caveats.Count > 0 ? $" ({string.Join(", ", caveats)})" : ""));
    }
}
