using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

[TestFixture]
public sealed class MetricUnitsTests
{
    [Test]
    public void Of_UnknownMetric_ThrowsNamingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => MetricUnits.Of("tpr-at-1pct-fpr"));
        Assert.That(e!.Message, Does.Contain("tpr-at-1pct-fpr").And.Contain("tpr@1%fpr").And.Contain("auc"));
    }

    [TestCase("auc", "%")]
    [TestCase("tpr@0.1%fpr", "%")]
    [TestCase("tpr@1%fpr", "%")]
    [TestCase("f1", "fraction")]
    [TestCase("wasserstein", "loss units")]
    public void Of_KnownMetric_IsItsProjectUnit(string metric, string unit) => Assert.That(MetricUnits.Of(metric), Is.EqualTo(unit));

    [TestCase("tpr@5%fpr")]
    [TestCase("tpr@0.01%fpr")]
    public void Of_TprAtAnyFpr_IsPercent(string metric) => Assert.That(MetricUnits.Of(metric), Is.EqualTo("%"));

    [TestCase("tp-count@0.1%fpr", "pairs")]
    [TestCase("tp-share-top-1pct@1%fpr", "%")]
    [TestCase("tp-share-half-detected-null-q99@0.1%fpr", "%")]
    [TestCase("tp-share-half-detected-p@0.1%fpr", "p-value")]
    public void Of_PerExampleDetectionAtAnFpr_IsItsUnit(string metric, string unit) => Assert.That(MetricUnits.Of(metric), Is.EqualTo(unit));

    [TestCase("tp-share@0.1%fpr")]
    [TestCase("tp-count@x%fpr")]
    public void Of_UnknownStemOrMalformedFpr_Throws(string metric) => Assert.Throws<ArgumentException>(() => MetricUnits.Of(metric));

    [TestCase("tpr@x%fpr")]
    [TestCase("tpr@200%fpr")]
    public void Of_TprAtMalformedFpr_Throws(string metric) => Assert.Throws<ArgumentException>(() => MetricUnits.Of(metric));

    [TestCase(0.001, "tpr@0.1%fpr")]
    [TestCase(0.01, "tpr@1%fpr")]
    public void TprAtFpr_Fraction_NamesThePercent(double fpr, string name) => Assert.That(MetricUnits.TprAtFpr(fpr), Is.EqualTo(name));
}
