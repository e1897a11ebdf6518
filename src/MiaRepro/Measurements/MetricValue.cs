namespace MiaRepro.Measurements;

/// <summary>One metric's value as a kind's row holds it: the name is <see cref="MetricUnits"/>' (which fixes its unit),
/// so a row's metrics become measurements without a mapping per metric.</summary>
public sealed record MetricValue(string Metric, double Value);
