using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

[TestFixture]
public sealed class MeasurementTableTests
{
    static Measurement Row(string metric, double value, string? unit = null, string attack = "loss-threshold") =>
        new("paper", "claim", "as-written", 0, "lambda=0.01", attack, "none", metric, value, unit ?? MetricUnits.Of(metric));

    [Test]
    public void Write_FieldsWithCommaQuoteAndNewline_ReadBackEqual()
    {
        using var t = TestEnvironment.Temp();
        var table = new MeasurementTable()
            .Add(Row("auc", 75.168703125, attack: "kde, \"cross-entropy\" leak=8%"))
            .Add(Row("kl", 0.1 + 0.2, attack: "two\nlines"))
            .Add(Row("accuracy", 1e-17) with { Seed = null, Defense = "L2 λ=0.01" });
        var path = t[MeasurementTable.FileName];
        table.Write(path);
        Assert.That(MeasurementTable.Read(path).Rows, Is.EqualTo(table.Rows));
    }

    [Test]
    public void ToCsv_CommaInField_IsQuotedAndQuotesDoubled()
    {
        var csv = new MeasurementTable().Add(Row("tpr", 12.5, attack: "a,\"b\"")).ToCsv();
        Assert.That(csv.Split('\n')[1], Does.Contain(",\"a,\"\"b\"\"\","));
    }

    [Test]
    public void Add_UnitOtherThanTheMetrics_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeasurementTable().Add(Row("auc", 0.75, unit: "fraction")));
        Assert.That(e!.Message, Does.Contain("'%'"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Add_NonFiniteValue_Throws(double value) =>
        Assert.Throws<ArgumentException>(() => new MeasurementTable().Add(Row("accuracy", value)));

    [Test]
    public void Parse_WrongHeader_Throws() =>
        Assert.Throws<FormatException>(() => MeasurementTable.Parse("paper,claim\nx,y\n"));
}
