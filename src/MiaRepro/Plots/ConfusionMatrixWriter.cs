namespace MiaRepro.Plots;

/// <summary>Draws a <see cref="ConfusionMatrixFigure"/> as a heatmap with each cell's count written in it, to a PNG, atomically.</summary>
public static class ConfusionMatrixWriter
{
    public static void SavePng(ConfusionMatrixFigure figure, string path, int width = 560, int height = 480) =>
        HeatmapWriter.SavePng(path, figure.Title, figure.TrueLabels, figure.PredictedLabels,
            figure.Counts.Select(row => row.Select(c => (double)c).ToArray()).ToArray(), "0", "predicted", "true", width, height);
}
