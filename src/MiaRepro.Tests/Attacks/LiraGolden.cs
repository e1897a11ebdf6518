using System.Text.Json;
using MiaRepro.Attacks.LikelihoodRatio;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// numpy/scipy values for the many-model attacks (tools/reference/lira_reference.py → Attacks/golden/lira_golden.json,
/// copied next to the test assembly): a 6-model set and every attack's leave-one-model-out scores on it.
/// </summary>
public sealed class LiraGolden
{
    static readonly Lazy<LiraGolden> Loaded = new(() =>
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Attacks", "golden", "lira_golden.json");
        return JsonSerializer.Deserialize<LiraGolden>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            ?? throw new InvalidDataException($"{path} is empty.");
    });

    public static LiraGolden Values => Loaded.Value;

    public int[] Shape { get; set; } = [];
    public int[][] Keep { get; set; } = [];
    public double[] Logits { get; set; } = [];
    public long[] Labels { get; set; } = [];
    public double[] Phi { get; set; } = [];
    public double[] Logp { get; set; } = [];
    public double[] LiraOnlinePerExample { get; set; } = [];
    public double[] LiraOnlineGlobal { get; set; } = [];
    public double[] LiraOfflinePerExample { get; set; } = [];
    public double[] LiraOfflineGlobal { get; set; } = [];
    public double[] RmiaOnline { get; set; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("rmia_offline_a03")] public double[] RmiaOfflineA03 { get; set; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("rmia_online_gamma2")] public double[] RmiaOnlineGamma2 { get; set; } = [];
    public double[] LiraOnlinePerExampleAllOthers { get; set; } = [];
    public double[] LiraOnlineGlobalAllOthers { get; set; } = [];
    public double[] LiraOfflineGlobalAllOthers { get; set; } = [];
    public double[] RmiaOnlineAllOthers { get; set; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("rmia_offline_a03_all_others")] public double[] RmiaOfflineA03AllOthers { get; set; } = [];
    public double[] LossThreshold { get; set; } = [];
    public double[] PhiThreshold { get; set; } = [];
    public int[] IsMember { get; set; } = [];
    public Dictionary<string, double> Logcdf { get; set; } = [];

    public ScoreSet Set()
    {
        var keep = new bool[Shape[0], Shape[1]];
        for (var m = 0; m < Shape[0]; m++)
            for (var n = 0; n < Shape[1]; n++) keep[m, n] = Keep[m][n] != 0;
        return new(keep, Logits.Select(v => (float)v).ToArray(), Shape[2], Shape[3], Labels);
    }
}
