using MiaRepro.Plots;

namespace MiaRepro.Experiments.KdeLeak;

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

    /// <summary>Per variant × λ: the known-member and private densities of <paramref name="loss"/> at every leak % (trial 0).</summary>
    public static IEnumerable<(Figure Figure, string Name)> Densities(IEnumerable<KdeDensityCurve> curves, string loss) =>
        curves.Where(c => c.Loss == loss).GroupBy(c => (c.Variant, c.Lambda)).Select(g => (new Figure(
            $"{loss} densities, {g.Key.Variant} λ={g.Key.Lambda:G} (trial 0): known members vs private non-members", loss, "density",
            g.OrderBy(c => c.LeakPercent).SelectMany(c => new[]
            {
                new Series($"known, leak {c.LeakPercent:G}%", c.Grid, c.Known),
                new Series($"private, leak {c.LeakPercent:G}%", c.Grid, c.Private),
            }).ToList()), $"densities-{g.Key.Variant}-lambda{g.Key.Lambda:G}.png"));

    /// <summary>Per variant × λ: the held-out confusion matrix of <paramref name="loss"/> at the largest leak %, averaged
    /// over trials and shown as % of all four cells (the authors' normalization).</summary>
    public static IEnumerable<(string Name, string Title, double[][] Shares)> Confusions(IEnumerable<KdeLeakRow> rows, string loss) =>
        rows.Where(r => r.Loss == loss).GroupBy(r => (r.Variant, r.Lambda)).Select(g => g.MaxBy(r => r.LeakPercent)!).Select(r => (
            $"confusion-{r.Variant}-lambda{r.Lambda:G}.png",
            $"{r.Variant} λ={r.Lambda:G}, {loss}, leak {r.LeakPercent:G}%, held-out ({r.Runs})",
            r.HeldOut.Counts.SharesOfAll()));
}
