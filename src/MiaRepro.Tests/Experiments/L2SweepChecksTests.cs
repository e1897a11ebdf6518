using MiaRepro.Experiments;
using MiaRepro.Experiments.L2Sweep;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The claim checks on fixed rows: reproduces, deviates (recorded and stable), fails.</summary>
[TestFixture]
public sealed class L2SweepChecksTests
{
    static SweepRow Row(string v, double lambda, double train, double test, double spread = 0) =>
        new(v, lambda, Stat.Of([train - spread, train + spread]), Stat.Of([test, test]), Stat.Of([train - test - spread, train - test + spread]));

    static ExperimentSpec Spec(string kind, double tolerance = 3, params Deviation[] deviations) => new()
    {
        Paper = "bindila2021", Claim = "c",
        Check = new ClaimCheck { Kind = kind, Tolerance = tolerance, StabilityTolerance = 1, Threshold = 15, Sigmas = 2, Deviations = deviations.ToList() },
        PaperValues =
        [
            new() { Row = "no regularization", Lambda = 0, Metric = "train", Value = 92.84 },
            new() { Row = "no regularization", Lambda = 0, Metric = "test", Value = 51.52 },
            new() { Row = "L2 λ=1e-1", Lambda = 0.1, Metric = "test", Value = 19.2 },
        ],
    };

    [Test]
    public void GapNear_WithinTolerance_Reproduces()
    {
        var o = L2SweepChecks.Evaluate(Spec("gap-near"), [Row("as-coded", 0, 93, 52)]);
        Assert.That(o.Lines.Single().Verdict, Is.EqualTo("reproduces"));
        Assert.That(o.Passed);
    }

    [Test]
    public void GapNear_OutsideToleranceAndNotRecorded_Fails()
    {
        var o = L2SweepChecks.Evaluate(Spec("gap-near"), [Row("as-written", 0, 70, 55)]);
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Verdict, Is.EqualTo("FAILS"));
    }

    [Test]
    public void GapNear_RecordedDeviation_PassesOnlyWhileTheMeasurementIsStable()
    {
        var recorded = new Deviation { Variant = "as-written", Row = "no regularization", Metric = "gap", Measured = 15, Reason = "text ≠ code" };
        Assert.That(L2SweepChecks.Evaluate(Spec("gap-near", 3, recorded), [Row("as-written", 0, 70, 55.5)]).Lines.Single().Verdict, Is.EqualTo("deviates"));
        Assert.That(L2SweepChecks.Evaluate(Spec("gap-near", 3, recorded), [Row("as-written", 0, 70, 50)]).Lines.Single().Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void GapAtLeast_SubtractsSeedSpread()
    {
        Assert.That(L2SweepChecks.Evaluate(Spec("gap-at-least"), [Row("a", 0, 60, 40, spread: 1)]).Passed, Is.True);
        Assert.That(L2SweepChecks.Evaluate(Spec("gap-at-least"), [Row("a", 0, 60, 40, spread: 4)]).Passed, Is.False, "20 − 2·5.66 < 15");
    }

    [Test]
    public void GapDecreasing_NonMonotone_Fails()
    {
        var rows = new[] { Row("a", 0, 90, 50), Row("a", 0.001, 85, 50), Row("a", 0.01, 86, 50) };
        var o = L2SweepChecks.Evaluate(Spec("gap-decreasing"), rows);
        Assert.That(o.Lines.Select(l => l.Verdict), Is.EqualTo(new[] { "holds", "fails" }));
    }

    [Test]
    public void Table_RowNotTrained_IsNotRunNotFailed()
    {
        var o = L2SweepChecks.Evaluate(Spec("table"), [Row("a", 0, 92, 52)]);
        Assert.That(o.Lines.Select(l => l.Verdict), Is.EqualTo(new[] { "reproduces", "reproduces", "not-run" }));
        Assert.That(o.Passed);
    }

    [Test]
    public void GapNear_MissingLambdaZero_SaysWhatToAdd()
    {
        var e = Assert.Throws<ExperimentException>(() => L2SweepChecks.Evaluate(Spec("gap-near"), [Row("a", 0.01, 60, 58)]))!;
        Assert.That(e.Message, Does.Contain("λ=0").And.Contain("lambdas"));
    }
}
