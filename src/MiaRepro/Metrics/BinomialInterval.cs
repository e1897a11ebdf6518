namespace MiaRepro.Metrics;

/// <summary>A confidence interval for a binomial proportion: <see cref="Lower"/> ≤ p ≤ <see cref="Upper"/> at confidence 1 − <see cref="Alpha"/>.</summary>
public sealed record BinomialInterval(double Lower, double Upper, double Alpha);
