using System.Text.Json;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// Reference fits of scikit-learn's SVC(kernel="rbf") and GridSearchCV on attack-like datasets
/// (tools/reference/svm_golden.py → Attacks/golden/svm_golden.json, copied next to the test assembly).
/// </summary>
public sealed class SvmGolden
{
    static readonly Lazy<SvmGolden> Loaded = new(() =>
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Attacks", "golden", "svm_golden.json");
        return JsonSerializer.Deserialize<SvmGolden>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            ?? throw new InvalidDataException($"{path} is empty.");
    });

    public static SvmGolden Values => Loaded.Value;

    public string Sklearn { get; set; } = "";
    public Dataset[] Cases { get; set; } = [];

    /// <summary>Every (dataset, C, γ) fit, named for the test list.</summary>
    public static IEnumerable<TestCaseData> FitCases() =>
        Values.Cases.SelectMany(d => d.Fits.Select(f => new TestCaseData(d, f).SetName($"{{m}}({d.Name}, C={f.C:G}, γ={f.Gamma:G})")));

    public static IEnumerable<TestCaseData> DatasetCases() =>
        Values.Cases.Select(d => new TestCaseData(d).SetName($"{{m}}({d.Name})"));

    public sealed class Dataset
    {
        public string Name { get; set; } = "";
        public double[][] XTrain { get; set; } = [];
        public int[] YTrain { get; set; } = [];
        public double[][] XTest { get; set; } = [];
        public int[] YTest { get; set; } = [];
        public Fit[] Fits { get; set; } = [];
        public Grid Grid { get; set; } = new();
        public override string ToString() => Name;
    }

    public sealed class Fit
    {
        public double C { get; set; }
        public double Gamma { get; set; }
        public double TrainAccuracy { get; set; }
        public double TestAccuracy { get; set; }
        public double[] DecisionTest { get; set; } = [];
        public int[] NSupport { get; set; } = [];
        public int SupportCount { get; set; }
        public double Intercept { get; set; }
        public override string ToString() => $"C={C:G} γ={Gamma:G}";
    }

    public sealed class Grid
    {
        public GridPoint[] Points { get; set; } = [];
        public double BestC { get; set; }
        public double BestGamma { get; set; }
        public double BestMean { get; set; }
        public double RefitTestAccuracy { get; set; }
        public int[] FoldOfTrainRow { get; set; } = [];
    }

    public sealed class GridPoint
    {
        public double C { get; set; }
        public double Gamma { get; set; }
        public double Mean { get; set; }
        public double Std { get; set; }
    }
}
