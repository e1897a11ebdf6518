using MiaRepro.Metrics;

namespace MiaRepro.Measurements;

/// <summary>One metric over trials as a kind's row holds it, named as <see cref="MetricUnits"/> names it (which fixes
/// its unit); the table takes its mean.</summary>
public sealed record MetricStat(string Metric, Stat Stat);
