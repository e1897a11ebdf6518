using System.Globalization;
using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>The claim a metrics.json belongs to, making its measurements (the unit filled in from the metric) and
/// reading the JSON shapes every kind shares.</summary>
public sealed record ClaimScope(string Paper, string Claim)
{
    public Measurement Row(string variant, int? seed, string target, string attack, string defense, string metric, double value) =>
        new(Paper, Claim, variant, seed, target, attack, defense, metric, value, MetricUnits.Of(metric));

    public static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    /// <summary>A λ as it reads in labels: 0.01, 0.005 (round-trip, invariant).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The label of an L2 defense, as defense-matrix rows name it (DefenseSpec.Label).</summary>
    public static string L2Defense(double lambda) => lambda == 0 ? "none" : $"L2 λ={lambda.ToString("G", CultureInfo.InvariantCulture)}";

    /// <summary>A stored <see cref="Stat"/>'s values ({ mean, std, values }).</summary>
    public static double[] Values(JsonElement stat) => stat.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
