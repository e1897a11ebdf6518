namespace MiaRepro.Experiments.KdeLeak;

/// <summary>The known-member and private loss densities (Gaussian KDEs of trial 0) on a grid, for one target, loss and leak %.</summary>
public sealed record KdeDensityCurve(string Variant, double Lambda, string Loss, double LeakPercent, double[] Grid, double[] Known, double[] Private);
