using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

[TestFixture]
public sealed class ClaimOutcomeTests
{
    static CheckLine Line(string variant, string verdict) => new(variant, "row", 1, 1, 1, verdict, "");

    [Test]
    public void Verdict_ReproducingRowsBesideRecordedDeviations_CountsThemInsteadOfNamingReadings()
    {
        // Both variants have a deviation here, so "one reading reproduces" would be false.
        var outcome = new ClaimOutcome("table", [Line("as-coded", "reproduces"), Line("as-coded", "deviates"),
            Line("as-written", "reproduces"), Line("as-written", "deviates"), Line("as-written", "deviates"), Line("as-written", "not-run")], "");
        Assert.That(outcome.Verdict, Is.EqualTo("2 rows reproduce, 3 deviate (recorded), 1 not run"));
        Assert.That(outcome.Passed, Is.True);
        Assert.That(new ClaimOutcome("table", [Line("", "reproduces"), Line("", "deviates")], "").Verdict, Is.EqualTo("1 row reproduces, 1 deviates (recorded)"));
    }

    [Test]
    public void Verdict_OnlyDeviationsOrAFailure_SaysSo()
    {
        Assert.That(new ClaimOutcome("table", [Line("", "deviates")], "").Verdict, Is.EqualTo("deviates"));
        Assert.That(new ClaimOutcome("table", [Line("", "deviates"), Line("", "fails"), Line("", "reproduces")], "").Verdict, Is.EqualTo("FAILS"));
        Assert.That(new ClaimOutcome("table", [Line("", "reproduces")], "").Verdict, Is.EqualTo("reproduces"));
    }
}
