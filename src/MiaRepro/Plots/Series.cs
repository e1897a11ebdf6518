namespace MiaRepro.Plots;

/// <summary>A plotted line's data: what snapshots and tests check instead of pixels.</summary>
public sealed record Series(string Label, double[] X, double[] Y);

/// <summary>A figure as data: title, axes and series; <see cref="PlotWriter"/> draws it.</summary>
public sealed record Figure(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false);
