using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Planning;
using NUnit.Framework;

namespace MiaRepro.Tests.Planning;

/// <summary>`miarepro plan` lists the models a real run trains (their keys are the store's), counts their steps, and
/// counts those the store holds.</summary>
[TestFixture]
public sealed class PlannerTests
{
    /// <summary>The model store of a real smoke run of li-lleaks/mnist-f1-by-construction (the regression fixture).</summary>
    static string LLeaksStore => Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Regression", "outputs", "li-lleaks-smoke");

    static string Claim(MiaReproSettings s, string claim) => Path.Combine(s.Experiments, claim + ".json");

    static ClaimPlan PlanLLeaks(string store)
    {
        var settings = MiaReproSettings.Load(["--cache", store, "--profile", "smoke"]);
        return new Planner(settings).Plan(Claim(settings, "li-lleaks/mnist-f1-by-construction"));
    }

    [Test]
    public void Plan_LLeaksSmoke_ListsExactlyTheModelsItsRealRunStored()
    {
        var plan = PlanLLeaks(LLeaksStore);
        var stored = Entries(LLeaksStore);
        // The target, and 2 shadows for each of 3 constructions (labels; softmax and MI-Softmax students of the target).
        Assert.That(plan.Models.Select(m => m.Key), Is.EquivalentTo(stored));
        Assert.That(plan.Summary.Models, Is.EqualTo(7));
        Assert.That(plan.Summary.Stored, Is.EqualTo(7));
        // Each trains 8 epochs on 1,000 examples (the target on split:members, a shadow on shadows:size) in batches of 64:
        // 8 × ⌈1000 / 64⌉ = 128 steps; the stored histories hold 8 epochs each.
        Assert.That(plan.Models.Select(m => m.Steps), Is.All.EqualTo(128));
        Assert.That(plan.Summary.Steps, Is.EqualTo(896));
        Assert.That(plan.Summary.StepsToTrain, Is.Zero);
        foreach (var key in stored)
        {
            using var entry = JsonDocument.Parse(File.ReadAllText(Path.Combine(LLeaksStore, key, "entry.json")));
            Assert.That(entry.RootElement.GetProperty("History").GetArrayLength(), Is.EqualTo(8), key);
        }
    }

    [Test]
    public void Plan_TemporaryStore_CountsOnlyTheIntactEntriesItHolds()
    {
        using var t = TestEnvironment.Temp();
        var keys = Entries(LLeaksStore);
        foreach (var key in keys.Take(3)) Copy(Path.Combine(LLeaksStore, key), t[key]);
        // A fourth entry whose weights fail their sha256 is not stored: a run would retrain it.
        Copy(Path.Combine(LLeaksStore, keys[3]), t[keys[3]]);
        File.AppendAllText(Path.Combine(t[keys[3]], "model.bin"), "x");
        var plan = PlanLLeaks(t.Path);
        Assert.That(plan.Summary.Models, Is.EqualTo(7));
        Assert.That(plan.Summary.Stored, Is.EqualTo(3));
        Assert.That(plan.Summary.StepsToTrain, Is.EqualTo(4 * 128));
        Assert.That(plan.Models.Where(m => m.Stored).Select(m => m.Key), Is.EquivalentTo(keys.Take(3)));
    }

    /// <summary>The committed smoke results' run.json names every distinct model the run used (its model origins): a
    /// plan lists the same number, for each kind that trains.</summary>
    [TestCase("bindila2021/defense-matrix")]
    [TestCase("bindila2021/l2-closes-gap")]
    [TestCase("carlini2022/heavy-tail")]
    [TestCase("irolla2019/mnist-target")]
    [TestCase("preeti2022/output-defenses")]
    [TestCase("preeti2022/distillation")]
    public void Plan_SmokeClaim_CountsTheModelsItsCommittedRunUsed(string claim)
    {
        var settings = MiaReproSettings.Load(["--profile", "smoke"]);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(settings.Root, "results", "smoke", claim, "run.json")));
        var used = run.RootElement.GetProperty("modelOrigins").EnumerateArray().Sum(o => o.GetProperty("models").GetInt32());
        Assert.That(new Planner(settings).Plan(Claim(settings, claim)).Summary.Models, Is.EqualTo(used));
    }

    [Test]
    public void Prices_NameTheirBenchmarkRow_AndAnUnbenchmarkedTypeIsUnknown()
    {
        var prices = StepPrices.Load(Path.Combine(TestEnvironment.Settings.Root, "results", "bench"));
        var lenet = new MiaRepro.Models.ModelSpec { Type = "LeNet5" };
        Assert.That(prices.Find(lenet, "cifar10", 128, StepPrices.Cpu)!.Source, Is.EqualTo("train.json"));
        Assert.That(prices.Find(lenet, "cifar10", 128, StepPrices.Gpu)!.Source, Is.EqualTo("train-cuda.json"));
        Assert.That(prices.Find(lenet, "mnist", 64, StepPrices.Cpu)!.Source, Is.EqualTo("train.json (measured on cifar10, at batch 128)"));
        Assert.That(prices.Find(new() { Type = "SmallVgg" }, "cifar10", 128, StepPrices.Cpu), Is.Null);
        Assert.That(prices.Find(new() { Type = "PreetiCnn" }, "cifar10", 32, StepPrices.Gpu), Is.Null);
    }

    /// <summary>A DP-SGD step is priced only by a DP-SGD row (dp-sgd.json's, by the spec its row names); the same file
    /// prices the model's plain steps too, after a benchmark of that plain model (train.json) where one exists.</summary>
    [Test]
    public void Prices_DpSgdJob_OnlyByADpSgdRow()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["bench"]);
        File.WriteAllText(Path.Combine(t["bench"], "train.json"), """{ "torchSharpMsPerStep": 11 }""");
        File.WriteAllText(Path.Combine(t["bench"], "dp-sgd.json"), """
            { "rows": [
              { "model": "LeNet5(average pooling), 3×32×32", "modelSpec": "LeNet5(average pooling)", "dataset": "cifar10", "batchSize": 128, "plainMsPerStep": 12, "dpSgdMsPerStep": 32 },
              { "model": "Mlp([64], tanh), 784", "modelSpec": "Mlp([64], tanh)", "dataset": "mnist", "batchSize": 128, "plainMsPerStep": 0.5, "dpSgdMsPerStep": 7.4 } ] }
            """);
        var prices = StepPrices.Load(t["bench"]);
        var (lenet, mlp) = (new MiaRepro.Models.ModelSpec { Type = "LeNet5" }, new MiaRepro.Models.ModelSpec { Type = "Mlp", Hidden = [64] });
        Assert.That(prices.Find(lenet, "cifar10", 128, StepPrices.Cpu), Is.EqualTo(new StepPrice(11, "train.json")));
        Assert.That(prices.Find(lenet, "cifar10", 128, StepPrices.Cpu, dp: true), Is.EqualTo(new StepPrice(32, "dp-sgd.json DP-SGD")));
        Assert.That(prices.Find(mlp, "mnist", 100, StepPrices.Cpu, dp: true), Is.EqualTo(new StepPrice(7.4, "dp-sgd.json DP-SGD (at batch 128)")));
        Assert.That(prices.Find(mlp, "mnist", 128, StepPrices.Cpu), Is.EqualTo(new StepPrice(0.5, "dp-sgd.json plain")));
        Assert.That(prices.Find(new() { Type = "IrollaCnn" }, "cifar10", 128, StepPrices.Cpu, dp: true), Is.Null);
        Assert.That(prices.Find(mlp, "mnist", 128, StepPrices.Gpu, dp: true), Is.Null, "no dp-sgd-cuda.json: unknown, not the CPU's price");
    }

    /// <summary>The store's model entries (its outputs/ folder is the output store).</summary>
    static List<string> Entries(string store) =>
        [.. Directory.GetDirectories(store).Where(d => File.Exists(Path.Combine(d, "entry.json"))).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
