namespace MiaRepro.Metrics;

/// <summary>Mean and sample standard deviation over seeds or trials (std 0 for a single value), with the values.</summary>
public sealed record Stat(double Mean, double Std, double[] Values)
{
    public static Stat Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("A statistic needs at least one value.");
        return new(v.Average(), v.Length > 1 ? MathNet.Numerics.Statistics.Statistics.StandardDeviation(v) : 0, v);
    }

    /// <summary>All values of <paramref name="parts"/>, in order.</summary>
    public static Stat Concat(IEnumerable<Stat> parts) => Of(parts.SelectMany(p => p.Values));

    public override string ToString() => Values.Length > 1 ? $"{Mean:F2} ± {Std:F2}" : $"{Mean:F2}";
}
