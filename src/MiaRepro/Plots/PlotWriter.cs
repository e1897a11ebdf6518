using MiaRepro.IO;

namespace MiaRepro.Plots;

/// <summary>Draws a <see cref="Figure"/> with ScottPlot to a PNG, atomically.</summary>
public static class PlotWriter
{
    public static void SavePng(Figure figure, string path, int width = 900, int height = 560)
    {
        var plot = new ScottPlot.Plot();
        var drawn = figure.Series.Select(s => (s, X: figure.LogX ? s.X.Select(Math.Log10).ToArray() : s.X, Y: figure.LogY ? s.Y.Select(Math.Log10).ToArray() : s.Y)).ToList();
        foreach (var (s, xs, ys) in drawn)
        {
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = s.Label;
            scatter.MarkerSize = s.MarkersOnly ? 9 : s.X.Length > 30 ? 0 : 6;
            if (s.MarkersOnly) scatter.LineWidth = 0;
        }
        if (figure.LogX) plot.Axes.Bottom.TickGenerator = LogTicks();
        if (figure.LogY) plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title(figure.Title);
        plot.XLabel(figure.XLabel);
        plot.YLabel(figure.YLabel);
        plot.Axes.AutoScale();
        plot.ShowLegend(EmptiestCorner(plot.Axes.GetLimits(), drawn.SelectMany(d => d.X.Zip(d.Y))));
        AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }

    /// <summary>The corner whose box (40 % of the width, 35 % of the height) covers the fewest points, so the legend
    /// hides no data where it can avoid it; ties keep the lower right, then upper right, upper left, lower left.</summary>
    static ScottPlot.Alignment EmptiestCorner(ScottPlot.AxisLimits limits, IEnumerable<(double X, double Y)> points)
    {
        var normalized = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .Select(p => ((p.X - limits.Left) / Math.Max(limits.HorizontalSpan, 1e-300), (p.Y - limits.Bottom) / Math.Max(limits.VerticalSpan, 1e-300))).ToList();
        (ScottPlot.Alignment Corner, Func<double, double, bool> Covers)[] corners =
        [
            (ScottPlot.Alignment.LowerRight, (x, y) => x > 0.6 && y < 0.35),
            (ScottPlot.Alignment.UpperRight, (x, y) => x > 0.6 && y > 0.65),
            (ScottPlot.Alignment.UpperLeft, (x, y) => x < 0.4 && y > 0.65),
            (ScottPlot.Alignment.LowerLeft, (x, y) => x < 0.4 && y < 0.35),
        ];
        return corners.MinBy(c => normalized.Count(p => c.Covers(p.Item1, p.Item2))).Corner;
    }

    // Data on a log axis is drawn as log10(value); major ticks sit on whole decades, labelled back as powers of ten.
    static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        IntegerTicksOnly = true,
        LabelFormatter = v => $"1e{v:0}",
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
    };
}
