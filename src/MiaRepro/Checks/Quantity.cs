using MiaRepro.Metrics;
using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// The number a check judges, from the measurements it selected: per target seed the mean of that seed's rows (over
/// whatever the selection leaves open, e.g. the leak %), then mean and sample sd over seeds (<see cref="Stat"/>, values
/// in seed order). Measurements without a seed form one group.
/// </summary>
public sealed record Quantity(Stat Stat, int?[] Seeds)
{
    public double Mean => Stat.Mean;

    public static Quantity? Of(IEnumerable<Measurement> rows)
    {
        var bySeed = rows.GroupBy(r => r.Seed).OrderBy(g => g.Key ?? int.MinValue).ToList();
        if (bySeed.Count == 0) return null;
        return new(Stat.Of(bySeed.Select(g => g.Average(r => r.Value))), bySeed.Select(g => g.Key).ToArray());
    }

    /// <summary>a − b, seed by seed when both have the same seeds (a paired difference: its sd is the difference's own),
    /// otherwise the difference of the means.</summary>
    public static Quantity Difference(Quantity a, Quantity b) =>
        a.Seeds.SequenceEqual(b.Seeds)
            ? new(Stat.Of(a.Stat.Values.Zip(b.Stat.Values, (x, y) => x - y)), a.Seeds)
            : new(Stat.Of([a.Mean - b.Mean]), [null]);

    /// <summary>A statistic of several quantities (a trend's points), on the means and on each seed alone when all points
    /// share their seeds.</summary>
    public static Quantity Combine(IReadOnlyList<Quantity> points, Func<double[], double> statistic)
    {
        var seeds = points[0].Seeds;
        if (seeds.Length > 1 && points.All(p => p.Seeds.SequenceEqual(seeds)))
        {
            var perSeed = Enumerable.Range(0, seeds.Length).Select(i => statistic(points.Select(p => p.Stat.Values[i]).ToArray())).ToArray();
            return new(new Stat(statistic(points.Select(p => p.Mean).ToArray()), Stat.Of(perSeed).Std, perSeed), seeds);
        }
        return new(Stat.Of([statistic(points.Select(p => p.Mean).ToArray())]), [null]);
    }

    /// <summary>" (per seed: 0: 1.00, 1: 2.00)" when there are several seeds.</summary>
    public string PerSeed(string format = "F2") =>
        Seeds.Length > 1 ? $" (per seed: {string.Join(", ", Seeds.Zip(Stat.Values, (s, v) => $"{s}: {v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}"))})" : "";
}
