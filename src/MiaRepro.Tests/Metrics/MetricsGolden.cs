using MiaRepro.Metrics;
using System.Text.Json;
using MiaRepro.Attacks;

namespace MiaRepro.Tests.Metrics;

/// <summary>
/// Expected values from scikit-learn and SciPy (tools/reference/metrics_golden.py → golden/metrics_golden.json,
/// copied next to the test assembly): score sets with their ROC curves, AUCs and threshold metrics, Clopper–Pearson
/// intervals and ε lower bounds.
/// </summary>
public sealed record MetricsGolden(string Sklearn, string Scipy, IReadOnlyList<GoldenCase> Cases,
    IReadOnlyList<GoldenInterval> ClopperPearson, IReadOnlyList<GoldenEpsilon> Epsilon)
{
    static readonly Lazy<MetricsGolden> Loaded = new(() =>
        JsonSerializer.Deserialize<MetricsGolden>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "golden", "metrics_golden.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static MetricsGolden Values => Loaded.Value;

    public static GoldenCase Case(string name) => Values.Cases.Single(c => c.Name == name);

    /// <summary>Case names, for [TestCaseSource].</summary>
    public static IEnumerable<string> CaseNames => Values.Cases.Select(c => c.Name);
}

public sealed record GoldenCase(string Name, double[] Scores, bool[] IsMember, GoldenRoc Roc, double Auc,
    IReadOnlyList<GoldenTprAtFpr> TprAtFpr, IReadOnlyList<GoldenThresholdRow> ThresholdMetrics, double BestBalancedAccuracy)
{
    public MembershipScores ToScores() => new(Scores, IsMember);
    public override string ToString() => Name;
}

/// <summary>sklearn's roc_curve(drop_intermediate=False); its first threshold (above every score) is null.</summary>
public sealed record GoldenRoc(double[] Fpr, double[] Tpr, double?[] Thresholds);

public sealed record GoldenTprAtFpr(double Fpr, double Tpr);

public sealed record GoldenThresholdRow(double Threshold, int Tp, int Fp, int Tn, int Fn, double Accuracy, double BalancedAccuracy,
    double Precision, double Recall, double F1);

public sealed record GoldenInterval(int K, int N, double Alpha, double Lower, double Upper);

public sealed record GoldenEpsilon(int Tp, int Fp, int Tn, int Fn, double Alpha, double Delta, double Epsilon);
