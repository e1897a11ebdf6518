using System.Text.Json;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Signals;

/// <summary>
/// Entropy, modified entropy and max confidence from mpmath (1200 digits) and numpy (float64, log space) for fixed
/// float32 logits (tools/reference/signals_golden.py → Signals/golden/signals_golden.json, copied next to the tests).
/// </summary>
public sealed record SignalsGolden(IReadOnlyList<SignalsGolden.Case> Cases)
{
    static readonly Lazy<SignalsGolden> Loaded = new(() =>
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Signals", "golden", "signals_golden.json");
        return JsonSerializer.Deserialize<SignalsGolden>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            ?? throw new InvalidDataException($"{path} is empty.");
    });

    public static SignalsGolden Values => Loaded.Value;

    public static IEnumerable<string> CaseNames => Values.Cases.Select(c => c.Name);

    public static Case Named(string name) => Values.Cases.Single(c => c.Name == name);

    public sealed record Case(string Name, double[][] Logits, long[] Labels, Reference Entropy, Reference ModifiedEntropy, Reference MaxConfidence)
    {
        /// <summary>The logits as the float32 tensor a model would return (every golden value is a float32), and the labels.</summary>
        public (Tensor Logits, Tensor Labels) Inputs() =>
            (tensor(Logits.SelectMany(r => r.Select(v => (float)v)).ToArray(), new long[] { Logits.Length, Logits[0].Length }), tensor(Labels));
    }

    public sealed record Reference(double[] Mpmath, double[] Numpy);
}
