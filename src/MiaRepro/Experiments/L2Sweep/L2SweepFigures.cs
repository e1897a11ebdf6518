using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.L2Sweep;

/// <summary>The l2-sweep's figures: accuracy vs epoch for each λ (first seed), and the train–test gap vs λ.</summary>
public static class L2SweepFigures
{
    public static Figure AccuracyVsEpoch(string variant, IEnumerable<SweepCell> cells)
    {
        var firstSeed = cells.Where(c => c.Variant == variant).GroupBy(c => c.Lambda).Select(g => g.OrderBy(c => c.Seed).First()).OrderBy(c => c.Lambda);
        var series = new List<Series>();
        foreach (var c in firstSeed)
        {
            var epochs = c.History.Select(e => (double)e.Epoch).ToArray();
            series.Add(new($"train, λ={c.Lambda:G}", epochs, c.History.Select(e => e.TrainAccuracy).ToArray()));
            series.Add(new($"test, λ={c.Lambda:G}", epochs, c.History.Select(e => e.TestAccuracy).ToArray()));
        }
        return new($"Accuracy vs epoch ({variant}, seed {firstSeed.FirstOrDefault()?.Seed})", "epoch", "accuracy (%)", series);
    }

    /// <summary>λ on a log axis; λ=0 is drawn one decade below the smallest positive λ (and labelled so in the series).</summary>
    public static Figure GapVsLambda(IEnumerable<SweepRow> rows)
    {
        var all = rows.ToList();
        var smallest = all.Where(r => r.Lambda > 0).Select(r => r.Lambda).DefaultIfEmpty(1e-3).Min();
        var series = all.GroupBy(r => r.Variant).Select(g => new Series(
            $"{g.Key} (λ=0 at {smallest / 10:G})",
            g.Select(r => r.Lambda > 0 ? r.Lambda : smallest / 10).ToArray(),
            g.Select(r => r.Gap.Mean).ToArray())).ToList();
        return new("Train–test accuracy gap vs L2 strength", "λ", "gap (points)", series, LogX: true);
    }
}
