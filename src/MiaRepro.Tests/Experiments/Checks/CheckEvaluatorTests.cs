using MiaRepro.Experiments;
using MiaRepro.Checks;
using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Checks;

/// <summary>The one check language on small hand-made measurement tables: every type, the difference modifier, per-seed
/// pairing, deviations, controls and not-run lines.</summary>
[TestFixture]
public sealed class CheckEvaluatorTests
{
    static Measurement M(string variant, int? seed, string attack, string metric, double value, string target = "t", string defense = "none") =>
        new("p", "c", variant, seed, target, attack, defense, metric, value, MetricUnits.Of(metric));

    /// <summary>Shadow-attack-like rows: two variants × three seeds, a shadow attack and CCR.</summary>
    static readonly Measurement[] Shadow =
    [
        M("a", 0, "shadow-svm", "accuracy", 70), M("a", 1, "shadow-svm", "accuracy", 72), M("a", 2, "shadow-svm", "accuracy", 74),
        M("a", 0, "ccr", "accuracy", 69), M("a", 1, "ccr", "accuracy", 70), M("a", 2, "ccr", "accuracy", 71),
        M("b", 0, "shadow-svm", "accuracy", 60), M("b", 1, "shadow-svm", "accuracy", 61), M("b", 2, "shadow-svm", "accuracy", 62),
        M("c", 0, "shadow-svm", "accuracy", 55), M("c", 1, "shadow-svm", "accuracy", 56), M("c", 2, "shadow-svm", "accuracy", 57),
    ];

    static Check C(string type, Dictionary<string, string> of) => new() { What = "w", Type = type, Of = of };

    static CheckLine One(Check check, IReadOnlyList<Measurement> rows) => CheckEvaluator.Lines(check, rows).Single();

    [Test]
    public void Near_PaperInsideTheRulesBand_AlternativeOutside_Reproduces_AndMeansOverSeeds()
    {
        // a: 70, 72, 74 — sd 2, band 2·2·√(4/3) = 4.62 from the run's own seeds
        var check = new Check { What = "w", Type = "near", Of = new() { ["variant"] = "a", ["attack"] = "shadow-*", ["metric"] = "accuracy" }, Paper = 71,
            Alternative = new() { Value = 60, Source = "s" } };
        var line = One(check, Shadow);
        Assert.That((line.Verdict, line.Measured, line.Paper), Is.EqualTo(("reproduces", 72.0, 71.0)));
        Assert.That(line.Tolerance, Is.EqualTo(4 * Math.Sqrt(4.0 / 3)).Within(1e-9));
        Assert.That(line.Detail, Does.Contain("per seed: 0: 70.00, 1: 72.00, 2: 74.00"));
        check.Alternative.Value = 68;
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("inconclusive"), "68 is inside the band too");
        check.Alternative = null;
        Assert.That(One(check, Shadow), Has.Property("Verdict").EqualTo("inconclusive").And.Property("Detail").Contains("declares no alternative"));
    }

    [Test]
    public void Near_OutsideBand_WithoutDeviation_Fails_WithDeviation_Deviates_EvenWhenMoved()
    {
        var check = new Check { What = "w", Type = "near", Of = new() { ["variant"] = "a", ["attack"] = "shadow-svm", ["metric"] = "accuracy" }, Paper = 80 };
        Assert.That(One(check, Shadow), Has.Property("Verdict").EqualTo("deviates").And.Property("Passed").False, "a deviation not recorded fails the test");
        check.Deviation = new() { Measured = 71.5, Reason = "r" };
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("deviates"), "72 is within the rule's band (4.62) of the recorded 71.5");
        check.Deviation = new() { Measured = 78, Reason = "r" };
        Assert.That(One(check, Shadow), Has.Property("Verdict").EqualTo("deviates").And.Property("Detail").Contains("now -6 from the record"),
            "a moved deviation is still one: snapshots pin the numbers, the word says what the run shows");
    }

    [Test]
    public void Deviation_OnAStatementThatHoldsInThisRun_ReadsHolds_AndSaysSo()
    {
        var check = new Check { What = "w", Type = "at-least", Of = new() { ["variant"] = "a", ["attack"] = "ccr", ["metric"] = "accuracy" }, Value = 60,
            Deviation = new() { Measured = 55, Reason = "r" } };
        Assert.That(One(check, Shadow), Has.Property("Verdict").EqualTo("holds").And.Property("Detail").Contains("this run does not deviate"));
    }

    [Test]
    public void AtLeast_BeyondTwoStandardErrors_Holds_TheOtherWay_Fails_Between_Inconclusive()
    {
        // shadow in a: 70, 72, 74 — sd 2, 2 SE = 2.31 around the mean excess over the value
        var check = new Check { What = "w", Type = "at-least", Of = new() { ["variant"] = "a", ["attack"] = "shadow-svm", ["metric"] = "accuracy" }, Value = 69 };
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("holds"), "excess 3 > 2.31");
        check.Value = 71;
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("inconclusive"), "excess 1: cannot tell");
        check.Value = 75;
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("fails"), "excess −3 < −2.31");
    }

    [TestCase("at-least", 2.0, 0.0)]
    [TestCase("increasing", 0.0, 1.0)]
    [TestCase("largest", 0.0, 0.5)]
    public void Validate_OrderingWithABandOrSigmas_IsRejected(string type, double sigmas, double band)
    {
        var check = new Check { What = "w", Type = type, Of = new() { ["metric"] = "accuracy" }, Value = 1, Along = type == "increasing" ? "leak" : "",
            Among = type == "largest" ? "loss" : "", Expect = type == "largest" ? "x" : "", Sigmas = sigmas, Band = band };
        Assert.That(() => check.Validate("checks:0", []), Throws.ArgumentException.With.Message.Contains("takes no band or sigmas").And.Message.Contains("checks:0"));
    }

    [Test]
    public void Near_OnFewerThanThreeSeeds_IsInconclusive_EvenInsideItsBand()
    {
        var line = One(new Check { What = "w", Type = "near", Of = new() { ["variant"] = "a", ["attack"] = "ccr", ["metric"] = "accuracy", ["seed"] = "0|1" }, Paper = 69.5,
            Alternative = new() { Value = 60, Source = "s" } }, Shadow);
        Assert.That(line.Verdict, Is.EqualTo("inconclusive"));
        Assert.That(line.Detail, Does.Contain("2 seeds, the rule needs 3"));
    }

    [Test]
    public void Minus_PairsBySeed_SoTheDifferencesSpreadIsItsOwn()
    {
        // a: shadow − ccr per seed = 1, 2, 3 → mean 2, sd 1
        var check = new Check { What = "w", Type = "within", Of = new() { ["variant"] = "a", ["attack"] = "shadow-svm", ["metric"] = "accuracy" },
            Minus = new() { ["attack"] = "ccr" }, Value = 0, Alternative = new() { Value = 10, Source = "s" } };
        var line = One(check, Shadow);
        Assert.That((line.Verdict, line.Measured), Is.EqualTo(("holds", 2.0)));
        Assert.That(line.Detail, Does.Contain("per seed: 0: 1.00, 1: 2.00, 2: 3.00"));
    }

    [Test]
    public void Each_RepeatsPerFacetValue_InTableOrder()
    {
        var lines = CheckEvaluator.Lines(new Check { What = "w", Type = "at-least", Of = new() { ["attack"] = "shadow-svm", ["metric"] = "accuracy" },
            Each = ["variant"], Value = 58 }, Shadow).ToList();
        Assert.That(lines.Select(l => (l.Variant, l.Verdict)), Is.EqualTo(new[] { ("a", "holds"), ("b", "holds"), ("c", "fails") }));
    }

    [Test]
    public void Decreasing_OverSteps_NeedsTheChangeAndEveryStepWhenMonotone()
    {
        var check = new Check { What = "w", Type = "decreasing", Of = new() { ["attack"] = "shadow-svm", ["metric"] = "accuracy" },
            Steps = [new() { ["variant"] = "a" }, new() { ["variant"] = "b" }, new() { ["variant"] = "c" }], Monotone = true };
        var line = One(check, Shadow);
        Assert.That((line.Variant, line.Verdict, line.Measured), Is.EqualTo(("a→b→c", "holds", -16.0)));
        check.Steps = [new() { ["variant"] = "a" }, new() { ["variant"] = "c" }, new() { ["variant"] = "b" }];
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("fails"), "c → b goes up");
        check.Monotone = false;
        Assert.That(One(check, Shadow).Verdict, Is.EqualTo("holds"), "first to last still falls by 16");
    }

    /// <summary>A KDE row: the loss, leak %, evaluation and λ are its facets.</summary>
    static Measurement KdeRow(string loss, double leak, double value, double lambda) =>
        M("v", 0, "kde", "accuracy", value) with
        {
            Facets = FacetValues.None.With(Facet.Loss, loss).With(Facet.Leak, leak).With(Facet.Evaluation, "held-out").With(Facet.Lambda, lambda),
        };

    /// <summary>KDE-like rows over leak and λ, one seed.</summary>
    static readonly Measurement[] Kde =
    [
        .. new[] { (1.0, 80.0, 60.0), (4.0, 78.0, 58.0), (16.0, 76.0, 51.0) }.SelectMany(p => new[]
        {
            KdeRow("cross-entropy", p.Item1, p.Item2, 0),
            KdeRow("probability", p.Item1, p.Item2 - 5, 0),
            KdeRow("cross-entropy", p.Item1, p.Item3, 0.01),
            KdeRow("probability", p.Item1, 50, 0.01),
        }),
    ];

    /// <summary>The same rows over three seeds (seed 1 a fifth of a point up, seed 2 down): enough for the verdict rule.</summary>
    static readonly Measurement[] Kde3 =
        [.. Kde, .. Kde.Select(m => m with { Seed = 1, Value = m.Value + 0.2 }), .. Kde.Select(m => m with { Seed = 2, Value = m.Value - 0.2 })];

    [Test]
    public void Facets_SelectLossLeakEvaluationAndLambda()
    {
        var line = One(new Check { What = "w", Type = "near", Of = new() { ["metric"] = "accuracy", ["loss"] = "cross-entropy", ["evaluation"] = "held-out",
            ["lambda"] = "0", ["leak"] = "1|4" }, Paper = 79, Alternative = new() { Value = 75, Source = "s" } }, Kde3);
        Assert.That((line.Verdict, line.Measured), Is.EqualTo(("reproduces", 79.0)));
    }

    [Test]
    public void AlongLeak_TrendFlatAndShare()
    {
        var of = new Dictionary<string, string> { ["metric"] = "accuracy", ["loss"] = "cross-entropy", ["lambda"] = "0.01" };
        Assert.That(One(new Check { What = "w", Type = "decreasing", Of = of, Along = "leak" }, Kde3), Has.Property("Measured").EqualTo(-9).Within(1e-9).And.Property("Verdict").EqualTo("holds"));
        Assert.That(One(new Check { What = "w", Type = "flat", Of = of, Along = "leak", Alternative = new() { Value = 2, Source = "s" } }, Kde3).Verdict, Is.EqualTo("deviates"));
        Assert.That(One(new Check { What = "w", Type = "at-least", Of = of, Along = "leak", Value = 55, Share = 0.5 }, Kde3).Verdict, Is.EqualTo("holds"), "2 of 3");
        Assert.That(One(new Check { What = "w", Type = "at-least", Of = of, Along = "leak", Value = 55, Share = 0.99 }, Kde3).Verdict, Is.EqualTo("fails"));
        Assert.That(One(new Check { What = "w", Type = "at-least", Of = of, Along = "leak", Value = 55, Share = 0.5 }, Kde).Verdict, Is.EqualTo("inconclusive"), "one seed");
    }

    [Test]
    public void Largest_NeedsItsMarginOverEveryOther()
    {
        var check = new Check { What = "w", Type = "largest", Of = new() { ["metric"] = "accuracy", ["lambda"] = "0" }, Among = "loss", Expect = "cross-entropy" };
        Assert.That(One(check, Kde3), Has.Property("Verdict").EqualTo("holds").And.Property("Measured").EqualTo(5.0).Within(1e-9));
        check.Expect = "probability";
        Assert.That(One(check, Kde3).Verdict, Is.EqualTo("fails"));
        Assert.That(One(check, Kde).Verdict, Is.EqualTo("inconclusive"), "one seed");
    }

    [Test]
    public void Control_ThatFails_Holds_AndOneThatPasses_FailsTheClaim()
    {
        // "the defense brings the attack to chance": ≈ 50 at λ=0.01; the control, the undefended target, must not be ≈ 50.
        var check = new Check { What = "≈ 50", Type = "within", Of = new() { ["metric"] = "accuracy", ["loss"] = "probability", ["lambda"] = "0.01" },
            Each = ["leak"], Value = 50, Alternative = new() { Value = 52, Source = "chance + 2" }, Control = new() { Of = new() { ["lambda"] = "0" } } };
        var lines = CheckEvaluator.Lines(check, Kde3).ToList();
        Assert.That(lines.Select(l => l.Verdict), Is.EqualTo(new[] { "holds", "holds", "holds", "holds" }));
        Assert.That(lines[^1].What, Does.StartWith("control for '≈ 50'"));
        // A control input on which the check holds (here the defended target itself): the control passes, so the claim fails.
        check.Control = new() { Of = new() { ["lambda"] = "0.01" } };
        Assert.That(CheckEvaluator.Lines(check, Kde3).Last(), Has.Property("Verdict").EqualTo("fails").And.Property("Detail").Contains("cannot tell"));
    }

    [Test]
    public void NoMatchingMeasurement_IsNotRun_SayingWhich()
    {
        var line = One(C("at-least", new() { ["variant"] = "z", ["metric"] = "accuracy" }), Shadow);
        Assert.That(line.Verdict, Is.EqualTo("not-run"));
        Assert.That(line.Detail, Does.Contain("variant=z"));
    }

    [Test]
    public void Evaluate_NotAssertedProfile_RecordsWhatEachLineWouldRead_AndPasses()
    {
        var spec = new ExperimentSpec { Asserted = false, CheckWhy = "smoke scale", Checks = [new Check { What = "w", Type = "near",
            Of = new() { ["variant"] = "a", ["attack"] = "ccr", ["metric"] = "accuracy" }, Paper = 90 }] };
        var outcome = spec.Judge(Shadow);
        Assert.That(outcome.Passed, Is.True);
        Assert.That(outcome.Verdict, Is.EqualTo("measured (not asserted at this profile)"));
        Assert.That(outcome.Lines.Single().Detail, Does.Contain("would read 'deviates'"));
    }

    [Test]
    public void Selection_NumbersMatchByValue_TextByGlobAndAlternatives()
    {
        var m = KdeRow("cross-entropy", 4, 1, 0.01);
        Assert.That(new Selection(new Dictionary<string, string> { ["lambda"] = "0.010", ["leak"] = "2|4", ["attack"] = "k*" }).Matches(m), Is.True);
        Assert.That(new Selection(new Dictionary<string, string> { ["attack"] = "kde-*" }).Matches(m), Is.False);
        Assert.That(new Selection(new Dictionary<string, string> { ["references"] = "" }).Matches(m), Is.True, "\"\" selects rows without the facet");
        Assert.That(new Selection(new Dictionary<string, string> { ["leak"] = "" }).Matches(m), Is.False);
        Assert.Throws<ArgumentException>(() => _ = new Selection(new Dictionary<string, string> { ["colour"] = "red" }));
    }


    [Test]
    public void Control_AllMemberAttack_NoTrendThere_Holds_AndATrendThere_FailsTheClaim()
    {
        // The all-member attack on the same evaluation sets: accuracy at the member share, 50 at every variant, so no fall.
        Measurement[] rows = [.. Shadow, .. Shadow.Where(m => m.Attack == "shadow-svm").Select(m => m with { Attack = AllMemberAttack.Name, Value = 50 })];
        var trend = new Check { What = "falls", Type = "decreasing", Of = new() { ["attack"] = "shadow-svm", ["metric"] = "accuracy" },
            Steps = [new() { ["variant"] = "a" }, new() { ["variant"] = "c" }], Control = new() { Of = new() { ["attack"] = AllMemberAttack.Name }, Why = "label-independent" } };
        var lines = CheckEvaluator.Lines(trend, rows).ToList();
        Assert.That(lines[0].Verdict, Is.EqualTo("holds"));
        Assert.That(lines[1], Has.Property("Verdict").EqualTo("holds").And.Property("Detail").Contains("fails on 1 of 1"), "no change beyond 2 SE on the control: the check did not pass there");
        // An input that falls as the target does passes the check: the control fails the claim.
        rows = [.. Shadow, .. Shadow.Where(m => m.Attack == "shadow-svm").Select(m => m with { Attack = AllMemberAttack.Name })];
        Assert.That(CheckEvaluator.Lines(trend, rows).Last().Verdict, Is.EqualTo("fails"), "a control that passes fails the claim");
    }

    [Test]
    public void Deviations_OnePerLineOfAnEachCheck_AndPerProfile()
    {
        // Paper 80: variant a (72) and b (61) both deviate; a record for a alone leaves b unrecorded.
        var check = new Check { What = "w", Type = "near", Of = new() { ["attack"] = "shadow-svm", ["metric"] = "accuracy", ["variant"] = "a|b" }, Each = ["variant"],
            Paper = 80, Alternative = new() { Value = 50, Source = "s" },
            Deviations = [new() { Measured = 72, Reason = "r", Of = new() { ["variant"] = "a" } }, new() { Measured = 61, Reason = "r", Profile = "smoke", Of = new() { ["variant"] = "b" } }] };
        var lines = CheckEvaluator.Lines(check, Shadow, "paper").ToList();
        Assert.That(lines.Select(l => (l.Variant, l.Verdict, l.Passed)), Is.EqualTo(new[] { ("a", "deviates", true), ("b", "deviates", false) }));
        check.Deviations.Add(new() { Measured = 61, Reason = "r", Of = new() { ["variant"] = "b" } });
        Assert.That(CheckEvaluator.Lines(check, Shadow, "paper").All(l => l.Passed), Is.True, "each line has its record now");
    }

    [Test]
    public void Deviation_OfAnOrdering_ReadsDeviates_WhereItFails()
    {
        // a → c falls by 15, 16, 17 (mean 16, 2 SE 1.15): 'rises' fails there; recorded, it reads deviates, and says how far it moved.
        var trend = new Check { What = "rises", Type = "increasing", Of = new() { ["attack"] = "shadow-svm", ["metric"] = "accuracy" },
            Steps = [new() { ["variant"] = "a" }, new() { ["variant"] = "c" }], Deviation = new() { Measured = -16, Reason = "falls" } };
        Assert.That(One(trend, Shadow), Has.Property("Verdict").EqualTo("deviates").And.Property("Passed").True.And.Property("Detail").Not.Contains("from the record"));
        trend.Deviation.Measured = -13;
        Assert.That(One(trend, Shadow), Has.Property("Verdict").EqualTo("deviates").And.Property("Detail").Contains("now -3 from the record"));
        trend.Deviation = null;
        Assert.That(One(trend, Shadow).Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void Deviation_RecordedAtAnotherProfile_DoesNotExcuseThisRun()
    {
        var check = new Check { What = "w", Type = "near", Of = new() { ["variant"] = "a", ["attack"] = "shadow-svm", ["metric"] = "accuracy" }, Paper = 80,
            Deviation = new() { Measured = 72, Band = 1, Profile = "paper", Reason = "r" } };
        Assert.That(CheckEvaluator.Lines(check, Shadow, "paper").Single().Verdict, Is.EqualTo("deviates"));
        Assert.That(CheckEvaluator.Lines(check, Shadow, "paper-cpu").Single(), Has.Property("Verdict").EqualTo("deviates").And.Property("Passed").False);
    }
}
