using MiaRepro.IO;
using System.Globalization;

namespace MiaRepro.Plots;

/// <summary>
/// A labelled matrix as a ScottPlot heatmap with each cell's value written in it, to a PNG, atomically: confusion
/// matrices and the defense × attack matrix. Row 0 on top, as a matrix is read; larger values darker; a NaN cell
/// (no number) is left blank and written "n/a".
/// </summary>
public static class HeatmapWriter
{
    public static void SavePng(string path, string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        double[][] values, string format, string xLabel, string yLabel, int width = 560, int height = 480)
    {
        int rows = rowLabels.Count, columns = columnLabels.Count;
        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                intensities[r, c] = values[r][c];
        var finite = values.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var (min, max) = (Math.Min(0, finite.Min()), Math.Max(1e-12, finite.Max()));

        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        // ScottPlot's Blues runs dark → light; reversed, the largest values are the darkest cells.
        heatmap.Colormap = new Reversed(new ScottPlot.Colormaps.Blues());
        // Cell (r, c) spans x ∈ [c, c + 1] and y ∈ [rows − r − 1, rows − r].
        heatmap.Rectangle = new ScottPlot.CoordinateRect(0, columns, 0, rows);
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var v = values[r][c];
                var label = plot.Add.Text(double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a", c + 0.5, rows - r - 0.5);
                label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = rows * columns > 12 ? 13 : 18;
                label.LabelBold = true;
                // Dark cells (the upper half of the range) get white text so the value stays readable.
                label.LabelFontColor = double.IsFinite(v) && v > (min + max) / 2 ? ScottPlot.Colors.White : ScottPlot.Colors.Black;
            }
        plot.Add.ColorBar(heatmap);

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(c => c + 0.5).ToArray(), columnLabels.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => rows - r - 0.5).ToArray(), rowLabels.ToArray());
        plot.Axes.SetLimits(0, columns, 0, rows);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }

    /// <summary>A colormap read backwards (ScottPlot 5.1 has none built in).</summary>
    sealed class Reversed(ScottPlot.IColormap inner) : ScottPlot.IColormap
    {
        public string Name => $"{inner.Name} (reversed)";
        public ScottPlot.Color GetColor(double position) => inner.GetColor(1 - position);
    }
}
