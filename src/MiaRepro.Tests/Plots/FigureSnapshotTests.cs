using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Plots;
using MiaRepro.Training;
using NUnit.Framework;

namespace MiaRepro.Tests.Plots;

/// <summary>Figures are checked through the data they draw (snapshotted), and the PNG is written whole.</summary>
[TestFixture]
public sealed class FigureSnapshotTests
{
    static readonly SweepCell[] Cells =
    [
        new("as-coded", 0, 0, 90, 50, [new(1, 1.2, 60, 45, 0), new(2, 0.8, 90, 50, 0)], false),
        new("as-coded", 0.01, 0, 62, 60, [new(1, 1.4, 50, 48, 0), new(2, 1.1, 62, 60, 0)], false),
    ];

    [Test]
    public void AccuracyVsEpoch_SeriesPerLambda_Snapshot()
    {
        var figure = L2SweepFigures.AccuracyVsEpoch("as-coded", Cells);
        SnapshotFiles.Match(figure, "Figures_AccuracyVsEpoch");
    }

    [Test]
    public void GapVsLambda_PlacesLambdaZeroADecadeBelow_Snapshot()
    {
        var figure = L2SweepFigures.GapVsLambda(L2SweepRunner.Summarize(Cells));
        Assert.That(figure.Series.Single().X, Is.EqualTo(new[] { 0.001, 0.01 }));
        SnapshotFiles.Match(figure, "Figures_GapVsLambda");
    }

    [Test]
    public void SavePng_WritesAPng()
    {
        using var t = TestEnvironment.Temp();
        PlotWriter.SavePng(L2SweepFigures.GapVsLambda(L2SweepRunner.Summarize(Cells)), t["gap.png"]);
        var header = File.ReadAllBytes(t["gap.png"])[..8];
        Assert.That(header, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }
}
