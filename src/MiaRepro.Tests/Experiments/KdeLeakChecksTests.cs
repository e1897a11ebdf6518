using MiaRepro.Experiments;
using MiaRepro.Experiments.KdeLeak;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>"L2 drops the attack to ~50%" must be a check that can fail: it fails when the defense did nothing.</summary>
[TestFixture]
public sealed class KdeLeakChecksTests
{
    static KdeEvaluation Evaluation(double accuracy, double fpr = 24) => new(Stat.Of([accuracy - 1, accuracy + 1]), Stat.Of([40, 40]), Stat.Of([fpr, fpr]),
        Stat.Of([20]), Stat.Of([fpr / 2]), Stat.Of([70]), Stat.Of([5]), Stat.Of([30]), Stat.Of([15]), new MeanConfusion(40, 10, 12, 38));

    static KdeLeakRow Row(double lambda, string loss, double leak, double accuracy, double fpr = 24, double distance = 0.1) =>
        new("as-coded", lambda, loss, leak, Evaluation(accuracy, fpr), Evaluation(accuracy + 2, fpr), Stat.Of([distance]), Stat.Of([0.05]));

    static ExperimentSpec Spec(string kind) => new()
    {
        Paper = "bindila2021", Claim = "kde",
        Attack = new KdeLeakSpec { Losses = ["cross-entropy"], LeakPercents = [1, 16], Trials = 2 },
        Check = new ClaimCheck { Kind = kind, DefendedLambda = 0.01, Tolerance = 3, Threshold = 2 },
    };

    static KdeLeakRow[] Rows(double undefended, double defended) =>
        [Row(0, "cross-entropy", 1, undefended), Row(0, "cross-entropy", 16, undefended), Row(0.01, "cross-entropy", 1, defended), Row(0.01, "cross-entropy", 16, defended)];

    [Test]
    public void KdeDefense_DefendedNearFiftyAndUndefendedNot_Passes()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 66, defended: 51));
        Assert.That(o.Passed, Is.True, string.Join("\n", o.Lines.Select(l => l.Detail)));
    }

    [Test]
    public void KdeDefense_DefenseDidNothing_Fails()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 66, defended: 65));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Lines.Where(l => l.What.Contains("≈ 50")).Select(l => l.Verdict), Is.All.EqualTo("fails"));
    }

    [Test]
    public void KdeDefense_AttackNeverWorked_NegativeControlFails()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 50.5, defended: 50));
        Assert.That(o.Passed, Is.False, "a target the attack cannot beat even undefended shows nothing about the defense");
        Assert.That(o.Lines.Single(l => l.What.StartsWith("negative control")).Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void KdeDefense_OtherLambdas_MeasuredNotJudged()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"),
            [.. Rows(undefended: 66, defended: 51), Row(0.1, "cross-entropy", 1, 80), Row(0.1, "cross-entropy", 16, 82)]);
        var line = o.Lines.Single(l => l.What.StartsWith("λ=0.1 "));
        Assert.That((line.Verdict, line.Measured, line.Detail), Is.EqualTo(("measured", (double?)81, "1%: 80.00, 16%: 82.00")));
        Assert.That(o.Passed, Is.True, "a λ the claim is not about cannot fail it");
    }

    [Test]
    public void KdeDrops_NoDrop_Fails()
    {
        Assert.That(KdeLeakChecks.Evaluate(Spec("kde-drops"), Rows(undefended: 70, defended: 60)).Passed, Is.True);
        Assert.That(KdeLeakChecks.Evaluate(Spec("kde-drops"), Rows(undefended: 70, defended: 69)).Passed, Is.False);
    }

    [Test]
    public void KdeDefense_MissingDefendedTarget_SaysWhatToAdd()
    {
        var e = Assert.Throws<ExperimentException>(() => KdeLeakChecks.Evaluate(Spec("kde-defense"), [Row(0, "cross-entropy", 1, 66)]))!;
        Assert.That(e.Message, Does.Contain("lambdas"));
    }

    static ExperimentSpec Asserting(params KdeAssertion[] assertions)
    {
        var spec = Spec("assertions");
        spec.Attack.Losses = ["probability", "cross-entropy"];
        spec.Check.KdeAssertions = assertions.ToList();
        return spec;
    }

    static KdeLeakRow[] Curve(string loss, double lambda, params (double Leak, double Accuracy, double Fpr, double Distance)[] points) =>
        points.Select(p => Row(lambda, loss, p.Leak, p.Accuracy, p.Fpr, p.Distance)).ToArray();

    [Test]
    public void Assertions_VariantLeftOutByVariantsFilter_NotRunNotJudged()
    {
        var rows = Curve("cross-entropy", 0, (1, 66, 24, 1), (16, 66, 24, 1));
        var other = new KdeAssertion { Kind = "near", What = "TP share", Metric = "tp-share", Variant = "as-written", Loss = "cross-entropy", Value = 99, Tolerance = 1 };
        var o = KdeLeakChecks.Evaluate(Asserting(other), rows);
        Assert.That(o.Lines.Single().Verdict, Is.EqualTo("not-run"));
        Assert.That(o.Passed, Is.True, "a variant not run is reported as such, neither passed nor failed on no data");
        Assert.That(o.Verdict, Is.EqualTo("not run"));
    }

    [Test]
    public void Assertions_FlatAndAtLeast_HoldOrFail()
    {
        var rows = Curve("cross-entropy", 0, (1, 60, 24, 1), (2, 66, 24, 1), (8, 67, 24, 1), (16, 66.5, 24, 1));
        var flat = new KdeAssertion { Kind = "flat", What = "flat beyond 2%", Loss = "cross-entropy", LeakPercents = [2, 8, 16], Tolerance = 2 };
        Assert.That(KdeLeakChecks.Evaluate(Asserting(flat), rows).Passed, Is.True);
        flat.LeakPercents = [];   // the 1% point is 6 below: not flat over all leaks
        Assert.That(KdeLeakChecks.Evaluate(Asserting(flat), rows).Passed, Is.False);

        var most = new KdeAssertion { Kind = "at-least", What = "> 64", Loss = "cross-entropy", Value = 64, Share = 0.5 };
        var line = KdeLeakChecks.Evaluate(Asserting(most), rows).Lines.Single();
        Assert.That((line.Verdict, line.Measured), Is.EqualTo(("holds", (60 + 66 + 67 + 66.5) / 4)));
        most.Share = 0.8;   // 3 of 4 is not more than 80%
        Assert.That(KdeLeakChecks.Evaluate(Asserting(most), rows).Passed, Is.False);
    }

    [Test]
    public void Assertions_Trends_ReadTheSmallestAndLargestLeak()
    {
        var growing = Curve("cross-entropy", 0, (1, 66, 24, 2.5), (16, 66, 24, 2.9));
        var shrinking = Curve("cross-entropy", 0, (1, 66, 24, 2.9), (16, 66, 24, 2.5));
        var grows = new KdeAssertion { Kind = "increasing", What = "W1 grows", Metric = "wasserstein", Loss = "cross-entropy", Tolerance = 0.1 };
        Assert.That(KdeLeakChecks.Evaluate(Asserting(grows), growing).Passed, Is.True);
        Assert.That(KdeLeakChecks.Evaluate(Asserting(grows), shrinking).Passed, Is.False);
        grows.Kind = "decreasing";
        Assert.That(KdeLeakChecks.Evaluate(Asserting(grows), shrinking).Passed, Is.True);
    }

    [Test]
    public void Assertions_Largest_ComparesLossesAtTheDefendedLambda()
    {
        var rows = Curve("cross-entropy", 0.01, (1, 50, 60, 0.1), (16, 50, 70, 0.1))
            .Concat(Curve("probability", 0.01, (1, 50, 55, 0.1), (16, 50, 58, 0.1))).ToArray();
        var ce = new KdeAssertion { Kind = "largest", What = "CE FPR largest", Metric = "fpr", Lambda = 0.01, Loss = "cross-entropy" };
        var line = KdeLeakChecks.Evaluate(Asserting(ce), rows).Lines.Single();
        Assert.That(line.Verdict, Is.EqualTo("holds"));
        Assert.That(line.Measured, Is.EqualTo(65 - 56.5).Within(1e-9));
        ce.Loss = "probability";
        Assert.That(KdeLeakChecks.Evaluate(Asserting(ce), rows).Passed, Is.False);
    }

    [Test]
    public void Assertions_RecordedDeviation_AssertsStability()
    {
        var rows = Curve("cross-entropy", 0, (1, 66, 24, 2.63), (16, 66, 24, 2.58));
        var grows = new KdeAssertion
        {
            Kind = "increasing", What = "W1 grows", Metric = "wasserstein", Variant = "as-coded", Loss = "cross-entropy", Tolerance = 0,
            Recorded = -0.05, Stability = 0.1, Reason = "flat: sample-size effect",
        };
        var line = KdeLeakChecks.Evaluate(Asserting(grows), rows).Lines.Single();
        Assert.That(line.Verdict, Is.EqualTo("deviates"));
        grows.Recorded = 0.3;   // a measurement far from the recorded one fails
        Assert.That(KdeLeakChecks.Evaluate(Asserting(grows), rows).Lines.Single().Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void Assertions_SelectingNothing_IsAClearError()
    {
        var rows = Curve("cross-entropy", 0, (1, 66, 24, 1));
        var atDefended = new KdeAssertion { Kind = "near", What = "≈ 50", Lambda = 0.5, Value = 50, Tolerance = 3 };
        var e = Assert.Throws<ExperimentException>(() => KdeLeakChecks.Evaluate(Asserting(atDefended), rows))!;
        Assert.That(e.Message, Does.Contain("selects no rows").And.Contain("lambdas"));
    }

    [Test]
    public void KdeAssertion_Validate_NamesTheKey()
    {
        var bad = new KdeAssertion { Kind = "near", What = "x", Metric = "precision", Tolerance = 1 };
        Assert.That(Assert.Throws<ArgumentException>(() => bad.Validate("check:kdeAssertions:0"))!.Message,
            Does.Contain("check:kdeAssertions:0:metric").And.Contain("fpr-floor"));
        var noLoss = new KdeAssertion { Kind = "largest", What = "x", Metric = "fpr" };
        Assert.That(Assert.Throws<ArgumentException>(() => noLoss.Validate("k"))!.Message, Does.Contain("loss is required"));
    }

    [Test]
    public void Pool_TwoTargetSeeds_OneRowPerSettingOverBothSeedsTrials()
    {
        var seed0 = Curve("cross-entropy", 0.01, (1, 50, 24, 1), (16, 52, 24, 1)).Select(r => r with { Seeds = [0] });
        var seed1 = Curve("cross-entropy", 0.01, (1, 60, 24, 1), (16, 62, 24, 1)).Select(r => r with { Seeds = [1] });
        var pooled = KdeLeakRow.Pool(seed1.Concat(seed0));
        Assert.That(pooled, Has.Count.EqualTo(2));
        var leak1 = pooled.Single(r => r.LeakPercent == 1);
        Assert.That(leak1.Seeds, Is.EqualTo(new[] { 0, 1 }), "seed order, whatever order the rows came in");
        Assert.That(leak1.HeldOutAccuracy.Values, Is.EqualTo(new double[] { 49, 51, 59, 61 }));
        Assert.That(leak1.HeldOutAccuracy.Mean, Is.EqualTo(55).Within(1e-12));
        Assert.That(leak1.SeedMeans("accuracy"), Is.EqualTo(new double[] { 50, 60 }));
        Assert.That(leak1.Runs, Is.EqualTo("2 trials × 2 target seeds"));
    }

    [Test]
    public void Pool_SeedsWithDifferentTrialCounts_Refused()
    {
        var shortRow = Row(0, "cross-entropy", 1, 66) with { Seeds = [0] };
        var longRow = new KdeLeakRow("as-coded", 0, "cross-entropy", 1, Evaluation(66) with { Accuracy = Stat.Of([65, 66, 67]) }, Evaluation(68),
            Stat.Of([0.1]), Stat.Of([0.05])) { Seeds = [1] };
        Assert.Throws<InvalidOperationException>(() => KdeLeakRow.Pool([shortRow, longRow]));
    }

    [Test]
    public void Assertions_OverSeveralSeeds_JudgeThePooledMeanAndShowEachSeed()
    {
        // One target at 50 % and one at 62 %: "≈ 50" must not pass on the lucky seed alone.
        var seed0 = Curve("cross-entropy", 0.01, (1, 50, 24, 1), (16, 50, 24, 1)).Select(r => r with { Seeds = [0] });
        var seed1 = Curve("cross-entropy", 0.01, (1, 62, 24, 1), (16, 62, 24, 1)).Select(r => r with { Seeds = [1] });
        var near = new KdeAssertion { Kind = "near", What = "≈ 50", Lambda = 0.01, Loss = "cross-entropy", Value = 50, Tolerance = 3 };
        var line = KdeLeakChecks.Evaluate(Asserting(near), KdeLeakRow.Pool(seed0.Concat(seed1))).Lines.Single();
        Assert.That(line.Verdict, Is.EqualTo("fails"));
        Assert.That(line.Measured, Is.EqualTo(56).Within(1e-9));
        Assert.That(line.Detail, Does.Contain("per target seed: 0: 50.00, 1: 62.00"));
    }

    [Test]
    public void Assertions_TrendOverSeveralSeeds_ShowsEachSeedsChange()
    {
        // W1 rising on one target and falling on the other: flat pooled, and the detail must show the two opposite trends.
        var seed0 = Curve("cross-entropy", 0, (1, 66, 24, 1), (16, 66, 24, 2)).Select(r => r with { Seeds = [0] });
        var seed1 = Curve("cross-entropy", 0, (1, 66, 24, 2), (16, 66, 24, 1)).Select(r => r with { Seeds = [1] });
        var grows = new KdeAssertion { Kind = "increasing", What = "W1 grows", Metric = "wasserstein", Loss = "cross-entropy", Tolerance = 0 };
        var line = KdeLeakChecks.Evaluate(Asserting(grows), KdeLeakRow.Pool(seed0.Concat(seed1))).Lines.Single();
        Assert.That(line.Verdict, Is.EqualTo("fails"));
        Assert.That(line.Detail, Does.Contain("change (per target seed: 0: 1.000, 1: -1.000)"));
    }

    [Test]
    public void Assertions_LargestOverSeveralSeeds_ShowsEachSeedsMargin()
    {
        KdeLeakRow[] Seed(int seed, double ceFpr, double probabilityFpr) => Curve("cross-entropy", 0.01, (1, 50, ceFpr, 1), (16, 50, ceFpr, 1))
            .Concat(Curve("probability", 0.01, (1, 50, probabilityFpr, 1), (16, 50, probabilityFpr, 1))).Select(r => r with { Seeds = [seed] }).ToArray();
        var ce = new KdeAssertion { Kind = "largest", What = "CE FPR largest", Metric = "fpr", Lambda = 0.01, Loss = "cross-entropy" };
        var line = KdeLeakChecks.Evaluate(Asserting(ce), KdeLeakRow.Pool(Seed(0, 60, 55).Concat(Seed(1, 50, 58)))).Lines.Single();
        Assert.That(line.Measured, Is.EqualTo(55 - 56.5).Within(1e-9));
        Assert.That(line.Detail, Does.Contain("margin (per target seed: 0: 5.00, 1: -8.00)"), "the margin on each seed, not the loss's own FPR");
    }
}

/// <summary>The KDE rows' cache: a second claim on the same target reads the first one's rows instead of re-running the attack.</summary>
[TestFixture]
public sealed class KdeRowCacheTests
{
    [Test]
    public void GetOrRun_SecondCall_ReadsTheSameRowsWithoutRunning()
    {
        using var t = TestEnvironment.Temp();
        var cache = new KdeRowCache(t.Path);
        var spec = new KdeLeakSpec { Losses = ["cross-entropy"], LeakPercents = [1], Trials = 2 };
        var eval = new KdeEvaluation(Stat.Of([66, 67]), Stat.Of([80]), Stat.Of([50]), Stat.Of([40]), Stat.Of([25]), Stat.Of([70]), Stat.Of([3]),
            Stat.Of([48]), Stat.Of([24]), new MeanConfusion(40, 10, 25, 25));
        IReadOnlyList<KdeLeakRow> rows = [new("as-coded", 0, "cross-entropy", 1, eval, eval, Stat.Of([2.6]), Stat.Of([1.1]))];
        IReadOnlyList<KdeDensityCurve> curves = [new("as-coded", 0, "cross-entropy", 1, [0, 1], [0.5, 0.1], [0.2, 0.3])];
        var runs = 0;
        (IReadOnlyList<KdeLeakRow>, IReadOnlyList<KdeDensityCurve>) Run() { runs++; return (rows, curves); }

        var first = cache.GetOrRun("model-a", spec, Run);
        var second = cache.GetOrRun("model-a", spec, Run);
        Assert.That((first.FromCache, second.FromCache, runs), Is.EqualTo((false, true, 1)));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(second.Rows, ClaimRunner.Json), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(rows, ClaimRunner.Json)));
        Assert.That(second.Densities[0].Private, Is.EqualTo(new[] { 0.2, 0.3 }));

        spec.Trials = 3;   // other settings, or another model: run again
        Assert.That(cache.GetOrRun("model-a", spec, Run).FromCache, Is.False);
        Assert.That(cache.GetOrRun("model-b", spec, Run).FromCache, Is.False);
        Assert.That(runs, Is.EqualTo(3));
    }
}
