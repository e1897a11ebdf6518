using MiaRepro.Checks;
using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The claim's one word is its worst line's, and a recorded deviation is never counted as reproduced.</summary>
[TestFixture]
public sealed class ClaimOutcomeTests
{
    static CheckLine Line(string variant, string verdict) => new(variant, "row", 1, 1, 1, verdict, "");

    [Test]
    public void Verdict_ReproducingRowsBesideARecordedDeviation_IsDeviates_NeverReproduces()
    {
        var outcome = new ClaimOutcome("checks", [Line("as-coded", "reproduces"), Line("as-coded", "deviates"),
            Line("as-written", "reproduces"), Line("as-written", "deviates"), Line("as-written", "deviates"), Line("as-written", "not-run")], "");
        Assert.That(outcome.Verdict, Is.EqualTo("deviates; some rows not run"));
        Assert.That(outcome.Counts, Is.EqualTo("2 reproduce, 3 deviate, 1 not run"));
        Assert.That(outcome.Passed, Is.True, "a deviation pinned at its recorded value keeps the test green");
    }

    [Test]
    public void Verdict_WorstLineFirst()
    {
        Assert.That(new ClaimOutcome("checks", [Line("", "deviates"), Line("", "fails"), Line("", "reproduces")], "").Verdict, Is.EqualTo("FAILS"));
        Assert.That(new ClaimOutcome("checks", [Line("", "reproduces"), Line("", "holds")], "").Verdict, Is.EqualTo("reproduces"));
        Assert.That(new ClaimOutcome("checks", [Line("", "holds"), Line("", "measured")], "").Verdict, Is.EqualTo("holds"));
        Assert.That(new ClaimOutcome("checks", [Line("", "not-run")], "").Verdict, Is.EqualTo("not run"));
        Assert.That(new ClaimOutcome("none", [Line("", "measured")], "").Verdict, Is.EqualTo("measured (not asserted at this profile)"));
    }

    [Test]
    public void Verdict_AFailingControl_FailsTheClaim()
    {
        var outcome = new ClaimOutcome("checks", [Line("", "holds"), new("", "control for 'x': must reject 50", null, 50, null, "fails", "")], "");
        Assert.That((outcome.Verdict, outcome.Passed), Is.EqualTo(("FAILS", false)));
    }
}
