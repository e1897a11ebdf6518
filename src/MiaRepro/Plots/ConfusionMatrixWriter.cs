using MiaRepro.Experiments;

namespace MiaRepro.Plots;

/// <summary>Draws a <see cref="ConfusionMatrixFigure"/> as a ScottPlot heatmap with each cell's count written in it, to a PNG, atomically.</summary>
public static class ConfusionMatrixWriter
{
    public static void SavePng(ConfusionMatrixFigure figure, string path, int width = 560, int height = 480)
    {
        int rows = figure.TrueLabels.Count, columns = figure.PredictedLabels.Count;
        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                intensities[r, c] = figure.Counts[r][c];
        var max = Math.Max(1, figure.Counts.Max(r => r.Max()));

        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        // ScottPlot's Blues runs dark → light; reversed, the largest counts are the darkest cells, as usual for a confusion matrix.
        heatmap.Colormap = new Reversed(new ScottPlot.Colormaps.Blues());
        // Cell (r, c) spans x ∈ [c, c + 1] and y ∈ [rows − r − 1, rows − r]: row 0 on top, as a matrix is read.
        heatmap.Rectangle = new ScottPlot.CoordinateRect(0, columns, 0, rows);
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var count = figure.Counts[r][c];
                var label = plot.Add.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), c + 0.5, rows - r - 0.5);
                label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = 18;
                label.LabelBold = true;
                // Dark cells (the upper half of the range) get white text so the count stays readable.
                label.LabelFontColor = count > max / 2.0 ? ScottPlot.Colors.White : ScottPlot.Colors.Black;
            }
        plot.Add.ColorBar(heatmap);

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(c => c + 0.5).ToArray(), figure.PredictedLabels.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => rows - r - 0.5).ToArray(), figure.TrueLabels.ToArray());
        plot.Axes.SetLimits(0, columns, 0, rows);
        plot.Title(figure.Title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }

    /// <summary>A colormap read backwards (ScottPlot 5.1 has none built in).</summary>
    sealed class Reversed(ScottPlot.IColormap inner) : ScottPlot.IColormap
    {
        public string Name => $"{inner.Name} (reversed)";
        public ScottPlot.Color GetColor(double position) => inner.GetColor(1 - position);
    }
}
