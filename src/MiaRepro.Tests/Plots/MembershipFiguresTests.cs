using MiaRepro.Attacks;
using MiaRepro.Metrics;
using MiaRepro.Plots;
using NUnit.Framework;

namespace MiaRepro.Tests.Plots;

/// <summary>The membership figures as data: log-log ROC with zeros at the documented floor, per-class score histograms.</summary>
[TestFixture]
public sealed class MembershipFiguresTests
{
    static readonly MembershipScores Docstring = new([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);

    [Test]
    public void Roc_LogLog_DrawsZeroRatesAtTheFloor()
    {
        var figure = MembershipFigures.Roc("ROC", RocCurve.From(Docstring));
        Assert.That((figure.LogX, figure.LogY), Is.EqualTo((true, true)));
        var attack = figure.Series[0];
        Assert.That(attack.X, Is.EqualTo(new[] { 1e-5, 1e-5, 0.5, 0.5, 1 }));
        Assert.That(attack.Y, Is.EqualTo(new[] { 1e-5, 0.5, 0.5, 1, 1 }));
        Assert.That(figure.Series.All(s => s.X.Concat(s.Y).All(v => v > 0)), "nothing non-positive reaches a log axis");
        Assert.That(figure.XLabel, Does.Contain("0 drawn at 1E-05"));
    }

    [Test]
    public void Roc_TwoAttacks_Snapshot()
    {
        var reversed = new MembershipScores(Docstring.Scores.Select(s => -s).ToArray(), Docstring.IsMember);
        var figure = MembershipFigures.Roc("Loss attack vs its reverse", [("loss", RocCurve.From(Docstring)), ("reversed", RocCurve.From(reversed))]);
        Assert.That(figure.Series.Select(s => s.Label), Is.EqualTo(new[] { "loss (AUC 0.750)", "reversed (AUC 0.250)", "chance" }));
        SnapshotFiles.Match(figure, "Figures_MembershipRoc");
    }

    [Test]
    public void ScoreHistogram_FractionsPerClass_SumToOne_Snapshot()
    {
        var scores = new MembershipScores([0, 0.1, 0.2, 0.9, 1.0, 0.5, 0.55, 0.3], [true, true, true, true, true, false, false, false]);
        var figure = MembershipFigures.ScoreHistogram("Scores", scores, bins: 4);
        Assert.That(figure.Series.Select(s => s.Y.Sum()), Is.All.EqualTo(1.0).Within(1e-12));
        Assert.That(figure.Series[0].X, Is.EqualTo(new[] { 0.125, 0.375, 0.625, 0.875 }));
        Assert.That(figure.Series[0].Y, Is.EqualTo(new[] { 0.6, 0, 0, 0.4 }), "the maximum score falls in the last bin");
        Assert.That(figure.Series[1].Y, Is.EqualTo(new[] { 0, 1.0 / 3, 2.0 / 3, 0 }));
        SnapshotFiles.Match(figure, "Figures_ScoreHistogram");
    }

    [Test]
    public void ScoreHistogram_AllEqualScores_PutsEveryoneInTheFirstBin()
    {
        var figure = MembershipFigures.ScoreHistogram("Scores", new([0.3, 0.3, 0.3], [true, false, false]), bins: 3);
        Assert.That(figure.Series.Select(s => s.Y[0]), Is.All.EqualTo(1.0));
    }

    [Test]
    public void SavePng_LogLogRoc_WritesAPng()
    {
        using var t = TestEnvironment.Temp();
        PlotWriter.SavePng(MembershipFigures.Roc("ROC", RocCurve.From(Docstring)), t["roc.png"]);
        var header = File.ReadAllBytes(t["roc.png"])[..8];
        Assert.That(header, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }
}
