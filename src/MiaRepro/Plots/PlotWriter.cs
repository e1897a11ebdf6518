using MiaRepro.IO;

namespace MiaRepro.Plots;

/// <summary>Draws a <see cref="Figure"/> with ScottPlot to a PNG, atomically.</summary>
public static class PlotWriter
{
    public static void SavePng(Figure figure, string path, int width = 900, int height = 560)
    {
        var plot = new ScottPlot.Plot();
        foreach (var s in figure.Series)
        {
            var xs = figure.LogX ? s.X.Select(Math.Log10).ToArray() : s.X;
            var ys = figure.LogY ? s.Y.Select(Math.Log10).ToArray() : s.Y;
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
        plot.ShowLegend();
        AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }

    // Data on a log axis is drawn as log10(value); major ticks sit on whole decades, labelled back as powers of ten.
    static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        IntegerTicksOnly = true,
        LabelFormatter = v => $"1e{v:0}",
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
    };
}
