using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// Reference values from scipy, torch and mpmath (tools/reference/kde_golden.py → Attacks/golden/kde_golden.json,
/// copied next to the test assembly).
/// </summary>
public sealed class KdeGolden
{
    static readonly Lazy<KdeGolden> Loaded = new(() =>
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Attacks", "golden", "kde_golden.json");
        return JsonSerializer.Deserialize<KdeGolden>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            ?? throw new InvalidDataException($"{path} is empty.");
    });

    public static KdeGolden Values => Loaded.Value;

    public KdeCase[] Kde { get; set; } = [];
    public ScoreCase[] Scores { get; set; } = [];
    public WassersteinCase[] Wasserstein { get; set; } = [];
    public KlCase[] Kl { get; set; } = [];
    public SignalCase Signals { get; set; } = new();

    public sealed class KdeCase
    {
        public string Name { get; set; } = "";
        public double[] Data { get; set; } = [];
        public double[] Points { get; set; } = [];
        [JsonPropertyName("std_ddof1")] public double StdDdof1 { get; set; }
        public KdeRule Scott { get; set; } = new();
        public KdeRule Silverman { get; set; } = new();
        public override string ToString() => Name;
    }

    public sealed class KdeRule
    {
        public double Factor { get; set; }
        public double Bandwidth { get; set; }
        public double[] Pdf { get; set; } = [];
        public double[] Logpdf { get; set; } = [];
    }

    public sealed class ScoreCase
    {
        public string Name { get; set; } = "";
        public double[] Known { get; set; } = [];
        public double[] Private { get; set; } = [];
        public double[] Points { get; set; } = [];
        public double[] KnownPdf { get; set; } = [];
        public double[] PrivatePdf { get; set; } = [];
        public double[] Score { get; set; } = [];
        public double[] LogRatio { get; set; } = [];
        /// <summary>scipy's pdf_known / (pdf_known + pdf_private); null where that is 0/0.</summary>
        public double?[] PdfRatioOrNan { get; set; } = [];
    }

    public sealed class WassersteinCase
    {
        public string Name { get; set; } = "";
        public double[] U { get; set; } = [];
        public double[] V { get; set; } = [];
        public double Distance { get; set; }
        public override string ToString() => Name;
    }

    public sealed class KlCase
    {
        public string Name { get; set; } = "";
        public double[] P { get; set; } = [];
        public double[] Q { get; set; } = [];
        public int GridPoints { get; set; }
        public double Kl { get; set; }
        public override string ToString() => Name;
    }

    public sealed class SignalCase
    {
        public double[][] Logits { get; set; } = [];
        public long[] Labels { get; set; } = [];
        [JsonPropertyName("torch_float64")] public Dictionary<string, double[]> TorchFloat64 { get; set; } = new();
        public Dictionary<string, double[]> Mpmath { get; set; } = new();
    }
}
