using System.Text.Json.Serialization;

namespace MiaRepro.Plots;

/// <summary>A plotted line's data: what snapshots and tests check instead of pixels.</summary>
public sealed record Series(string Label, double[] X, double[] Y)
{
    /// <summary>Points only, no line through them (e.g. one value per model, not a curve). Left out of plot-data.json and
    /// snapshots when false, so figures made before it keep theirs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MarkersOnly { get; init; }

    // Newtonsoft (Snapshooter) convention, as Figure.LogY.
    public bool ShouldSerializeMarkersOnly() => MarkersOnly;
}

/// <summary>
/// A figure as data: title, axes and series; <see cref="PlotWriter"/> draws it. On a log axis every value must be
/// positive: the figure's maker clips zeros to a floor it documents (e.g. <see cref="MembershipFigures.Roc"/>).
/// </summary>
public sealed record Figure(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false, bool LogY = false)
{
    // Newtonsoft (Snapshooter) convention: a linear y axis is left out, so figures made before LogY keep their snapshots.
    public bool ShouldSerializeLogY() => LogY;
}
