using MiaRepro.Experiments;
using MiaRepro.Experiments.ShadowAttack;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>Every assertion kind passes when it should and, just as important, fails when it should.</summary>
[TestFixture]
public sealed class ShadowAttackChecksTests
{
    static ShadowAttackRow Row(string variant, int seed, string attack, double accuracy, double recall = 100) =>
        new(variant, seed, attack, 100, 100, accuracy, accuracy, 70, recall, 2 * accuracy - 100, accuracy / 100, 1, accuracy, accuracy, "");

    static TargetRow Target(string variant, double train, double test) => new(variant, 0, train, test, train, test, 1, 0);

    static ClaimOutcome Check(AttackAssertion a, IReadOnlyList<ShadowAttackRow> rows, IReadOnlyList<TargetRow>? targets = null)
    {
        var spec = new ExperimentSpec { Check = new ClaimCheck { Kind = "assertions", Assertions = [a] } };
        a.Validate(0);
        return ShadowAttackChecks.Evaluate(spec, targets ?? [Target("v", 99, 66)], rows);
    }

    [TestCase(67.0, true)]
    [TestCase(71.0, false)]
    public void Near_WithinTolerance_Reproduces(double measured, bool passes)
    {
        var o = Check(new() { Kind = "near", What = "w", Variant = "v", Attack = "shadow", Value = 67.44, Tolerance = 3 }, [Row("v", 0, "shadow", measured)]);
        Assert.That(o.Passed, Is.EqualTo(passes));
        Assert.That(o.Lines[0].Verdict, Is.EqualTo(passes ? "reproduces" : "fails"));
    }

    [Test]
    public void Near_SeedMean_IsWhatIsCompared()
    {
        var o = Check(new() { Kind = "near", What = "w", Variant = "v", Attack = "shadow", Value = 60, Tolerance = 1 },
            [Row("v", 0, "shadow", 58), Row("v", 1, "shadow", 62), Row("v", 2, "shadow", 60)]);
        Assert.That(o.Lines[0].Measured, Is.EqualTo(60).Within(1e-12));
        Assert.That(o.Passed, Is.True);
    }

    [Test]
    public void Near_RecordedDeviation_AssertsStabilityInstead()
    {
        var a = new AttackAssertion { Kind = "near", What = "w", Variant = "v", Attack = "shadow", Value = 86.3, Tolerance = 2, Recorded = 70, Reason = "r" };
        Assert.That(Check(a, [Row("v", 0, "shadow", 71)]).Lines[0].Verdict, Is.EqualTo("deviates"));
        Assert.That(Check(a, [Row("v", 0, "shadow", 80)]).Passed, Is.False);
    }

    [TestCase(52.0, 51.0, true)]
    [TestCase(60.0, 51.0, false)]
    public void NearAttack_ComparesTwoAttacksInOneVariant(double shadow, double ccr, bool passes)
    {
        var o = Check(new() { Kind = "near-attack", What = "w", Variant = "v", Attack = "shadow", Other = "ccr", Tolerance = 3 },
            [Row("v", 0, "shadow", shadow), Row("v", 0, "ccr", ccr)]);
        Assert.That(o.Passed, Is.EqualTo(passes));
    }

    [TestCase(new[] { 86.0, 81.0, 80.0, 79.0 }, true)]
    [TestCase(new[] { 86.0, 87.0, 80.0, 79.0 }, false)]   // not monotone
    [TestCase(new[] { 80.0, 79.9, 79.8, 79.7 }, false)]   // monotone but within tolerance overall
    public void Decreasing_MustFallMonotonicallyByMoreThanTolerance(double[] accuracies, bool passes)
    {
        string[] variants = ["a", "b", "c", "d"];
        var o = Check(new() { Kind = "decreasing", What = "w", Variants = variants, Attack = "shadow", Tolerance = 2 },
            variants.Select((v, i) => Row(v, 0, "shadow", accuracies[i])).ToList());
        Assert.That(o.Passed, Is.EqualTo(passes));
    }

    [TestCase(84.0, true)]
    [TestCase(88.0, true)]
    [TestCase(80.0, false)]
    [TestCase(91.0, false)]
    public void NearVariant_ADefenseThatBarelyChangesTheMetric(double defended, bool passes)
    {
        var o = Check(new() { Kind = "near-variant", What = "w", Variant = "rounding", Other = "none", Attack = "shadow", Tolerance = 3 },
            [Row("none", 0, "shadow", 86), Row("rounding", 0, "shadow", defended)]);
        Assert.That(o.Passed, Is.EqualTo(passes));
        Assert.That(o.Lines[0].Measured, Is.EqualTo(defended - 86).Within(1e-12));
    }

    [TestCase(60.0, true)]
    [TestCase(79.0, false)]   // the defense did nothing
    public void LowerThan_DefenseMustLowerTheMetric(double defended, bool passes)
    {
        var o = Check(new() { Kind = "lower-than", What = "w", Variant = "l2", Other = "none", Attack = "shadow", Tolerance = 2 },
            [Row("none", 0, "shadow", 80), Row("l2", 0, "shadow", defended)]);
        Assert.That(o.Passed, Is.EqualTo(passes));
    }

    [Test]
    public void AtLeast_TargetMetric_ReadsTheTarget()
    {
        var o = Check(new() { Kind = "at-least", What = "w", Variant = "v", Metric = "target-gap", Value = 30 }, [], [Target("v", 99, 66)]);
        Assert.That(o.Lines[0].Measured, Is.EqualTo(33).Within(1e-9));
        Assert.That(o.Passed, Is.True);
    }

    [Test]
    public void Measure_UnknownVariantOrAttack_SaysWhatRan()
    {
        var e = Assert.Throws<ArgumentException>(() => ShadowAttackChecks.Measure([], [Row("v", 0, "shadow", 50)], "v", "lira", "accuracy"))!;
        Assert.That(e.Message, Does.Contain("lira").And.Contain("v/shadow"));
    }

    /// <summary>A probe (--variants) that ran one variant: assertions on the others are "not-run"; in a full run the same
    /// missing variant is an error (a misspelt name must not pass silently).</summary>
    [Test]
    public void PartialRun_AssertionOnAVariantNotRun_IsNotRun_FullRunStillThrows()
    {
        var spec = new ExperimentSpec { Check = new ClaimCheck { Kind = "assertions", Assertions =
        [
            new() { Kind = "near", What = "ran", Variant = "v", Attack = "shadow", Value = 50, Tolerance = 4 },
            new() { Kind = "lower-than", What = "needs w", Variant = "v", Other = "w", Attack = "shadow", Tolerance = 3 },
        ] } };
        IReadOnlyList<ShadowAttackRow> rows = [Row("v", 0, "shadow", 51)];
        var o = ShadowAttackChecks.Evaluate(spec, [Target("v", 99, 66)], rows, partial: true);
        Assert.That(o.Lines.Select(l => l.Verdict), Is.EqualTo(new[] { "reproduces", "not-run" }));
        Assert.That(o.Lines[1].Detail, Does.Contain("variant w not run"));
        Assert.That(o.Verdict, Does.Contain("some rows not run"));
        Assert.Throws<ArgumentException>(() => ShadowAttackChecks.Evaluate(spec, [Target("v", 99, 66)], rows));
    }

    [TestCase("nearly", "accuracy", "kind 'nearly'")]
    [TestCase("near", "accuracy2", "metric 'accuracy2'")]
    public void Validate_UnknownKindOrMetric_NamesTheKey(string kind, string metric, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new AttackAssertion { Kind = kind, Metric = metric, What = "w", Tolerance = 1 }.Validate(2))!;
        Assert.That(e.Message, Does.Contain("check:assertions:2").And.Contain(expected));
    }
}
