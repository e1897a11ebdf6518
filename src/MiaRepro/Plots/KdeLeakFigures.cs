using MiaRepro.Experiments.KdeLeak;

namespace MiaRepro.Plots;

/// <summary>The data-leak attack's figures: a held-out metric (accuracy, FPR, …) and the Wasserstein distance vs
/// leak %, one series per variant × λ × loss.</summary>
public static class KdeLeakFigures
{
    public static Figure VsLeak(IEnumerable<KdeLeakRow> rows, string title, string yLabel, Func<KdeLeakRow, double> y) => new(
        title, "leak (% of members known)", yLabel,
        rows.GroupBy(r => (r.Variant, r.Lambda, r.Loss))
            .Select(g => new Series($"{g.Key.Variant} λ={g.Key.Lambda:G} {g.Key.Loss}",
                g.OrderBy(r => r.LeakPercent).Select(r => r.LeakPercent).ToArray(),
                g.OrderBy(r => r.LeakPercent).Select(y).ToArray()))
            .ToList());
}
