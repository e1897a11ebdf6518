using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>The one list of attack names: every committed table holds only names it knows, and a check's attack
/// pattern must be one of them.</summary>
public sealed class AttackNamesTests
{
    [Test]
    public void CommittedTables_HoldOnlyKnownAttackNames()
    {
        var results = Path.Combine(TestEnvironment.Settings.Root, "results");
        var names = Directory.EnumerateFiles(results, MeasurementTable.FileName, SearchOption.AllDirectories)
            .SelectMany(f => MeasurementTable.Read(f).Rows.Select(r => r.Attack)).Distinct().ToList();
        Assert.That(names, Has.Count.GreaterThan(12));
        Assert.That(names.Where(n => !AttackNames.Known(n)), Is.Empty, "a kind writes an attack name the registry lacks: add its family to AttackNames");
    }

    [TestCase("shadow-*")]
    [TestCase("kde")]
    [TestCase("lira-online")]
    [TestCase("rmia-*")]
    [TestCase("loss-threshold|ccr")]
    [TestCase("all-member")]
    public void RequireKnown_NamesAndGlobsARunMeasures_Pass(string pattern) => Assert.DoesNotThrow(() => AttackNames.RequireKnown(pattern, "checks:0"));

    [TestCase("loss-treshold")]
    [TestCase("lira-online global")]   // the variance is a facet, never part of the name
    [TestCase("kde-cross-entropy leak=2% held-out")]
    [TestCase("shadows-*")]
    [TestCase("ccr|kde-*")]
    public void RequireKnown_AnUnknownAttack_NamesTheKeyAndTheKnown(string pattern) =>
        Assert.That(() => AttackNames.RequireKnown(pattern, "checks:3"),
            Throws.ArgumentException.With.Message.Contains("checks:3:attack").And.Message.Contains("Known:").And.Message.Contains("shadow-mlp"));
}
