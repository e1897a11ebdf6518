using System.Text.Json;
using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>
/// Guards <see cref="TrainingSemantics.Version"/>: tiny fixed runs through the real <see cref="Trainer"/> (float64, so the
/// losses do not depend on the CPU's float32 kernels; one case has one step per epoch, so its losses are per step) must
/// reproduce the losses committed in golden/training-semantics.json for that version. A change to training numerics
/// fails here until the version is bumped (every stored model then retrains) and the golden regenerated:
/// <c>MIAREPRO_UPDATE_GOLDEN=1 dotnet test src/MiaRepro.Tests --filter "FullyQualifiedName~TrainingSemanticsGoldenTests"</c>.
/// Regenerating refuses to change the losses of a version already committed.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class TrainingSemanticsGoldenTests
{
    const double Tolerance = 1e-9;
    const string Regenerate = "MIAREPRO_UPDATE_GOLDEN=1 dotnet test src/MiaRepro.Tests --filter \"FullyQualifiedName~TrainingSemanticsGoldenTests\"";

    sealed record Golden(string Version, string Regenerate, Dictionary<string, double[]> Cases);

    static string GoldenPath => Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Training", "golden", "training-semantics.json");

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    [Test]
    public void Train_TinyFixedRuns_LossesMatchGoldenOfThisVersion()
    {
        var actual = Cases();
        var golden = File.Exists(GoldenPath) ? JsonSerializer.Deserialize<Golden>(File.ReadAllText(GoldenPath), Json) : null;
        var differences = golden is null ? ["no golden file"] : Differences(golden.Cases, actual);
        if (Environment.GetEnvironmentVariable("MIAREPRO_UPDATE_GOLDEN") == "1")
        {
            if (golden is not null && golden.Version == TrainingSemantics.Version && differences.Count > 0)
                Assert.Fail($"training numerics changed under the committed {golden.Version}: bump TrainingSemantics.Version first, then regenerate.\n" +
                            string.Join("\n", differences));
            File.WriteAllText(GoldenPath, JsonSerializer.Serialize(new Golden(TrainingSemantics.Version, Regenerate, actual), Json) + "\n");
            Assert.Pass($"golden regenerated for {TrainingSemantics.Version}: {GoldenPath}");
        }
        Assert.That(golden, Is.Not.Null, $"{GoldenPath} is missing: generate it with {Regenerate}");
        Assert.That(differences, Is.Empty,
            $"training numerics changed: bump TrainingSemantics.Version and regenerate the golden ({Regenerate}).\n" + string.Join("\n", differences));
    }

    [Test]
    public void Golden_Version_IsTrainingSemanticsVersion()
    {
        var golden = JsonSerializer.Deserialize<Golden>(File.ReadAllText(GoldenPath), Json)!;
        Assert.That(golden.Version, Is.EqualTo(TrainingSemantics.Version),
            $"the golden belongs to {golden.Version}, the code says {TrainingSemantics.Version}: regenerate the golden ({Regenerate}).");
    }

    static List<string> Differences(Dictionary<string, double[]> expected, Dictionary<string, double[]> actual)
    {
        var differences = new List<string>();
        foreach (var name in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var (e, a) = (expected.GetValueOrDefault(name), actual.GetValueOrDefault(name));
            if (e is null || a is null || e.Length != a.Length || e.Zip(a).Any(p => Math.Abs(p.First - p.Second) > Tolerance * Math.Max(1, Math.Abs(p.First))))
                differences.Add($"{name}: golden [{Format(e)}], now [{Format(a)}]");
        }
        return differences;
    }

    static string Format(double[]? values) => values is null ? "none" : string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Each case's mean loss per epoch.</summary>
    static Dictionary<string, double[]> Cases()
    {
        var images = Data(64, [1, 28, 28], 10);
        var rows = Data(64, [8], 4);
        var teacher = Teacher(64, 4);
        return new()
        {
            // One batch per epoch: the loss before each of 5 Adam steps.
            ["lenet5-adam-l2-penalty"] = Run(new ModelSpec { Type = "LeNet5" }, images,
                new TrainingSpec { Epochs = 5, BatchSize = 64, L2 = new L2Regularization { Lambda = 1e-3 } }),
            ["mlp-sgd-momentum-weight-decay-lr-decay"] = Run(new ModelSpec { Type = "Mlp", Hidden = [16] }, rows,
                new TrainingSpec { Optimizer = "sgd", LearningRate = 0.1, Momentum = 0.9, LrDecay = 0.01, Epochs = 3, BatchSize = 16,
                    L2 = new L2Regularization { Lambda = 1e-3, Mode = "weight-decay" } }),
            ["mlp-adam-distillation-t4"] = Run(new ModelSpec { Type = "Mlp", Hidden = [16] }, rows,
                new TrainingSpec { LearningRate = 1e-2, Epochs = 3, BatchSize = 32 }, (teacher, 4.0)),
        };
    }

    static double[] Run(ModelSpec model, LabelledData data, TrainingSpec training, (Tensor, double)? teacher = null)
    {
        manual_seed(0);
        var network = model.Build(data.Features.shape[1..], data.Classes);
        network.to(float64);
        var history = new Trainer(training, CPU) { Teacher = teacher }.Train(network, data, data, seed: 0);
        network.Dispose();
        return history.Select(e => e.TrainLoss).ToArray();
    }

    /// <summary>Closed-form float64 features and cycling labels: no RNG, the same on every machine.</summary>
    static LabelledData Data(int n, long[] shape, int classes)
    {
        var width = (int)shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[n * width];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < width; j++)
            values[i * width + j] = Math.Sin(0.37 * (i + 1) + 1.13 * (j + 1)) + 0.5 * ((i % classes) == (j % classes) ? 1 : 0);
        var labels = Enumerable.Range(0, n).Select(i => (long)(i % classes)).ToArray();
        return new(tensor(values).view([n, .. shape]), tensor(labels), classes);
    }

    static Tensor Teacher(int n, int classes) =>
        tensor(Enumerable.Range(0, n * classes).Select(k => (float)(3 * Math.Cos(0.5 * (k / classes) + 0.9 * (k % classes)))).ToArray()).view(n, classes);
}
