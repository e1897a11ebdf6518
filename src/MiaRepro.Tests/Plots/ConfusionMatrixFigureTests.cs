using MiaRepro.Metrics;
using MiaRepro.Plots;
using NUnit.Framework;

namespace MiaRepro.Tests.Plots;

/// <summary>The confusion-matrix figure as data (membership 2×2 and N×N), bad input, and the PNG it is drawn to.</summary>
[TestFixture]
public sealed class ConfusionMatrixFigureTests
{
    static readonly ConfusionCounts Counts = new(TruePositives: 40, FalsePositives: 12, TrueNegatives: 38, FalseNegatives: 10);

    [Test]
    public void Confusion_Membership_RowsAreTruthColumnsAreCalls_Snapshot()
    {
        var figure = ConfusionMatrixFigure.Membership("Loss attack at the calibrated threshold", Counts);
        Assert.That(figure.TrueLabels, Is.EqualTo(new[] { "member", "non-member" }));
        Assert.That(figure.PredictedLabels, Is.EqualTo(new[] { "member", "non-member" }));
        Assert.That(figure.Counts, Is.EqualTo(new[] { new[] { 40, 10 }, new[] { 12, 38 } }), "[[TP, FN], [FP, TN]]");
        Assert.That(figure.Total, Is.EqualTo(Counts.Total));
        SnapshotFiles.Match(figure, "Figures_ConfusionMatrixMembership");
    }

    [Test]
    public void Confusion_OfClasses_CountsEachTruePredictedPair()
    {
        var figure = ConfusionMatrixFigure.OfClasses("3 classes", ["cat", "dog", "bird"], [0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2]);
        Assert.That(figure.Counts, Is.EqualTo(new[] { new[] { 1, 1, 0 }, new[] { 0, 1, 0 }, new[] { 1, 0, 2 } }));
    }

    [Test]
    public void Confusion_OfClasses_ClassOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrixFigure.OfClasses("x", ["a", "b"], [0, 2], [0, 1]));
        Assert.That(e!.Message, Does.Contain("Example 1 has true class 2").And.Contain("[0, 1]"));
    }

    [Test]
    public void Confusion_CountsOfTheWrongShape_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionMatrixFigure("x", ["a", "b"], ["a", "b"], [[1, 2], [3]]));
        Assert.That(e!.Message, Does.Contain("2 rows (true) × 2 columns (predicted)"));
    }

    [TestCase(2)]
    [TestCase(10)]
    public void Confusion_SavePng_WritesAPngAndNoTempFile(int classes)
    {
        using var t = TestEnvironment.Temp();
        var figure = classes == 2
            ? ConfusionMatrixFigure.Membership("Membership", Counts)
            : ConfusionMatrixFigure.OfClasses("Ten classes", Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray(),
                Enumerable.Range(0, 200).Select(i => i % classes).ToArray(), Enumerable.Range(0, 200).Select(i => i * 7 % 13 % classes).ToArray());
        ConfusionMatrixWriter.SavePng(figure, t["confusion.png"]);
        var header = File.ReadAllBytes(t["confusion.png"])[..8];
        Assert.That(header, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(Directory.GetFiles(t.Path), Is.EqualTo(new[] { t["confusion.png"] }), "written beside, then renamed over");
    }
}
