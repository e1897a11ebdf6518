namespace MiaRepro.Metrics;

/// <summary>
/// A percentile bootstrap interval: <see cref="Estimate"/> on the whole set, [<see cref="Lower"/>, <see cref="Upper"/>]
/// the α/2 and 1 − α/2 quantiles of the statistic over <see cref="Resamples"/> resamples drawn with <see cref="Seed"/>.
/// </summary>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, double Alpha, int Resamples, int Seed);
