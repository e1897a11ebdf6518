using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>The claim a metrics.json belongs to, making its measurements (the unit filled in from the metric) and
/// reading the JSON shapes every kind shares.</summary>
public sealed record ClaimScope(string Paper, string Claim)
{
    public Measurement Row(string variant, int? seed, string target, string attack, string defense, string metric, double value,
        FacetValues? facets = null) =>
        new(Paper, Claim, variant, seed, target, attack, defense, metric, value, MetricUnits.Of(metric)) { Facets = facets ?? FacetValues.None };

    public static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    /// <summary>An L2 sweep's defense: "l2" with its λ, "none" at λ = 0 (the λ facet set either way: it is the sweep's axis).</summary>
    public static (string Defense, FacetValues Facets) L2(double lambda) =>
        (lambda == 0 ? "none" : "l2", FacetValues.None.With(Facet.Lambda, lambda));

    /// <summary>A stored DefenseSpec ({ name, lambda, k, decimals, temperature }): its name and its parameter as a facet.</summary>
    public static (string Defense, FacetValues Facets) Defense(JsonElement spec)
    {
        var name = Text(spec, "name");
        double P(string p) => spec.GetProperty(p).GetDouble();
        return (name, name switch
        {
            "l2" => FacetValues.None.With(Facet.Lambda, P("lambda")),
            "distillation" => FacetValues.None.With(Facet.Temperature, P("temperature")),
            "top-k" => FacetValues.None.With(Facet.Top, P("k")),
            "rounding" => FacetValues.None.With(Facet.Decimals, P("decimals")),
            _ => FacetValues.None,
        });
    }

    /// <summary>A stored <see cref="Stat"/>'s values ({ mean, std, values }).</summary>
    public static double[] Values(JsonElement stat) => stat.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
