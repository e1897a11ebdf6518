using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

[TestFixture]
public sealed class MeasurementTableTests
{
    static Measurement Row(string metric, double value, string? unit = null, string attack = "loss-threshold") =>
        new("paper", "claim", "as-written", 0, "LeNet5", attack, "none", metric, value, unit ?? MetricUnits.Of(metric));

    [Test]
    public void Write_FieldsWithCommaQuoteAndNewline_ReadBackEqual()
    {
        using var t = TestEnvironment.Temp();
        var table = new MeasurementTable()
            .Add(Row("auc", 75.168703125, attack: "kde, \"cross-entropy\" leak=8%"))
            .Add(Row("kl", 0.1 + 0.2, attack: "two\nlines"))
            .Add(Row("accuracy", 1e-17) with { Seed = null, Defense = "l2", Facets = FacetValues.None.With(Facet.Lambda, 0.01) });
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

    [Test]
    public void Facets_OneColumnEachBetweenDefenseAndMetric_EmptyWhereARowSetsNone_ReadBackEqual()
    {
        var kde = FacetValues.None.With(Facet.Lambda, 0.01).With(Facet.Loss, "cross-entropy").With(Facet.Leak, 4).With(Facet.Evaluation, "held-out");
        var table = new MeasurementTable().Add(Row("accuracy", 80, attack: "kde") with { Facets = kde }).Add(Row("gap", 2, attack: ""));
        var lines = table.ToCsv().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("paper,claim,variant,seed,target,attack,defense,lambda,evaluation,loss,leak,metric,value,unit"));
            Assert.That(lines[1], Is.EqualTo("paper,claim,as-written,0,LeNet5,kde,none,0.01,held-out,cross-entropy,4,accuracy,80,%"));
            Assert.That(lines[2], Is.EqualTo("paper,claim,as-written,0,LeNet5,,none,,,,,gap,2,%"));
            Assert.That(MeasurementTable.Parse(table.ToCsv()).Rows, Is.EqualTo(table.Rows), "facets compare by value");
        });
    }

    [Test]
    public void Parse_UnknownFacetColumn_NamesItAndTheKnown() =>
        Assert.That(() => MeasurementTable.Parse("paper,claim,variant,seed,target,attack,defense,colour,metric,value,unit\np,c,v,0,t,a,none,red,auc,50,%\n"),
            Throws.TypeOf<FormatException>().With.Message.Contains("'colour' is no facet").And.Message.Contains("lambda"));

    [Test]
    public void Parse_FacetValueItDoesNotTake_NamesTheFacetAndWhatItTakes() =>
        Assert.That(() => MeasurementTable.Parse("paper,claim,variant,seed,target,attack,defense,keep,metric,value,unit\np,c,v,0,t,lira-online,none,permuted,auc,50,%\n"),
            Throws.ArgumentException.With.Message.Contains("keep").And.Message.Contains("real, shuffled").And.Message.Contains("'permuted'"));

    [Test]
    public void FacetValues_SetInAnyOrder_AreEqual_AndAnAttacksOwnFacetsLeaveTheSetting()
    {
        var a = FacetValues.None.With(Facet.Keep, "real").With(Facet.References, 8).With(Facet.Variance, "global");
        var b = FacetValues.None.With(Facet.Variance, "global").With(Facet.Keep, "real").With(Facet.References, "8");
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a.ToString(), Is.EqualTo("keep=real, variance=global, references=8"));
            Assert.That(a.OfSetting().ToString(), Is.EqualTo("keep=real"));
            Assert.That(a["leak"], Is.EqualTo(""));
        });
    }
}
