namespace MiaRepro.Measurements;

/// <summary>
/// One number a claim produced, as a row of the long measurement table. <see cref="Seed"/> null: a value pooled or
/// averaged over seeds (only where the results hold no per-seed value). <see cref="Attack"/> is "" for utility
/// metrics (a model's accuracy); <see cref="Unit"/> is always <see cref="MetricUnits.Of"/>(<see cref="Metric"/>).
/// <see cref="Facets"/>: the attack's and the setting's parameters (λ, leak, k, …), never packed into the names.
/// </summary>
public sealed record Measurement(string Paper, string Claim, string Variant, int? Seed, string Target, string Attack, string Defense,
    string Metric, double Value, string Unit)
{
    public FacetValues Facets { get; init; } = FacetValues.None;
}
