using MiaRepro.Metrics;
using MiaRepro.Attacks;
using MiaRepro.Plots;
using NUnit.Framework;

namespace MiaRepro.Tests.Plots;

/// <summary>Per-class score histograms: one figure per true class, each the pooled histogram of that class's examples.</summary>
[TestFixture]
public sealed class ClassScoreHistogramsTests
{
    // Class 2 leaks (members high), class 0 does not; class 1 has members only.
    static readonly ClassLabelledScores Scores = new(
        new MembershipScores([0.9, 0.8, 0.1, 0.2, 0.5, 0.5, 0.4, 0.6, 0.3], [true, true, false, false, true, false, true, false, true]),
        [2, 2, 2, 2, 0, 0, 0, 0, 1]);

    [Test]
    public void ClassScoreHistograms_OneFigurePerClass_Snapshot()
    {
        var figures = ClassScoreHistograms.PerClass("Loss attack", Scores, bins: 4, classNames: ["airplane", "automobile", "bird"]);
        Assert.That(figures.Keys, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(figures[2].Title, Is.EqualTo("Loss attack: class bird"));
        Assert.That(figures[2].Series[0].Y, Is.EqualTo(new[] { 0, 0, 0, 1.0 }), "members of class 2 in the top bin");
        Assert.That(figures[2].Series[1].Y, Is.EqualTo(new[] { 1.0, 0, 0, 0 }));
        Assert.That(figures[1].Series.Select(s => s.Label), Is.EqualTo(new[] { "members (n=1)", "non-members (n=0)" }));
        SnapshotFiles.Match(figures, "Figures_ClassScoreHistograms");
    }

    [Test]
    public void ClassScoreHistograms_EachIsThePooledHistogramOfItsClass()
    {
        var figures = ClassScoreHistograms.PerClass("h", Scores, bins: 5);
        foreach (var (c, figure) in figures)
        {
            var expected = MembershipFigures.ScoreHistogram($"h: class {c}", Scores.OfClass(c), bins: 5);
            Assert.That(figure.Series.Select(s => (s.Label, s.X, s.Y)), Is.EqualTo(expected.Series.Select(s => (s.Label, s.X, s.Y))), $"class {c}");
        }
    }

    [Test]
    public void ClassLabelledScores_MismatchedLengths_Throw() =>
        Assert.That(Assert.Throws<ArgumentException>(() => new ClassLabelledScores(new MembershipScores([1, 2], [true, false]), [0]))!.Message,
            Does.Contain("2 scores but 1 class labels"));

    [Test]
    public void ClassScoreHistograms_SavePng_WritesOnePngPerClass()
    {
        using var t = TestEnvironment.Temp();
        foreach (var (c, figure) in ClassScoreHistograms.PerClass("Loss attack", Scores, bins: 4))
            PlotWriter.SavePng(figure, t[$"scores-class-{c}.png"]);
        Assert.That(Directory.GetFiles(t.Path).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "scores-class-0.png", "scores-class-1.png", "scores-class-2.png" }));
    }
}
