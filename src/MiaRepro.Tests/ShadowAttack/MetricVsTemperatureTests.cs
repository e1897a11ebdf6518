using MiaRepro.Experiments;
using MiaRepro.Experiments.ShadowAttack;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>The F1-vs-T figure: x = each variant's temperature in increasing order, drawn only for an all-distilled sweep.</summary>
[TestFixture]
public sealed class MetricVsTemperatureTests
{
    static ExperimentSpec Variant(string name, ShadowConstructionSpec? construction) =>
        new() { Variant = name, Shadows = new ShadowSpec { Count = 1, Size = 1, Construction = construction } };

    static ExperimentSpec Mi(string name, double t) => Variant(name, new ShadowConstructionSpec { Kind = "mi-softmax", Temperature = t });

    static ShadowAttackRow Row(string variant, double f1) =>
        new(variant, 0, "shadow", [new("accuracy", 50), new("f1", f1)], "");

    [Test]
    public void MetricVsTemperature_Sweep_XIsTSorted_LogAxis()
    {
        var variants = new[] { Mi("t20", 20), Variant("t1", new ShadowConstructionSpec { Kind = "softmax" }), Mi("t5", 5) };
        var figure = ShadowAttackFigures.MetricVsTemperature("f1", variants, [], [Row("t20", 0.7), Row("t1", 0.6), Row("t5", 0.65)])!;
        Assert.That(figure.LogX, Is.True);
        Assert.That(figure.Series.Single().X, Is.EqualTo(new[] { 1.0, 5, 20 }));
        Assert.That(figure.Series.Single().Y, Is.EqualTo(new[] { 0.6, 0.65, 0.7 }));
    }

    [Test]
    public void MetricVsTemperature_LabelTrainedVariantOrRepeatedT_NoFigure()
    {
        Assert.That(ShadowAttackFigures.MetricVsTemperature("f1", [Variant("general", null), Mi("t20", 20)], [], [Row("general", 0.6), Row("t20", 0.7)]), Is.Null);
        Assert.That(ShadowAttackFigures.MetricVsTemperature("f1", [Mi("a", 20), Mi("b", 20)], [], [Row("a", 0.6), Row("b", 0.7)]), Is.Null);
    }
}
