using System.Reflection;
using System.Text.Json;
using MiaRepro.Attacks;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// The threshold attacks: calibration on shadow (reference) data with known answers and tie-breaking, per-class
/// thresholds and their fallback, polarity of every signal, honest vs optimistic metrics, names, and bad input.
/// </summary>
[TestFixture]
public sealed class ThresholdAttackTests
{
    static readonly Signal[] AllSignals = new[] { "loss", "confidence", "entropy", "modified-entropy", "max-confidence" }.Select(SignalRegistry.Get).ToArray();

    /// <summary>The oriented score of a three-class example at this margin (what the attack compares with thresholds).</summary>
    static double Score(Signal signal, double margin, int label = 0)
    {
        var (z, y) = MarginLogits.Of([(label, margin)]);
        return signal.MembershipScores(z, y)[0];
    }

    static ReferenceScores Reference(Signal signal, int label, double[] members, double[] nonMembers)
    {
        var (z, y, inTraining) = MarginLogits.Split(label, members, nonMembers);
        return ReferenceScores.FromShadowOutputs(signal, z, y, inTraining);
    }

    static double[] Range(double from, int count, double step = 0.1) => Enumerable.Range(0, count).Select(i => from + i * step).ToArray();

    [TestCaseSource(nameof(AllSignals))]
    public void Calibrate_SeparableReference_ThresholdIsTheLowestMemberScore(Signal signal)
    {
        var attack = ThresholdAttack.Calibrate(Reference(signal, 0, [3, 4, 5], [0, 1, 2]));
        Assert.That(attack.GlobalThreshold, Is.EqualTo(Score(signal, 3)));
        Assert.That(attack.OnReference.BalancedAccuracy, Is.EqualTo(1.0));
        Assert.That(attack.ClassThresholds, Is.Empty);
    }

    [Test]
    public void Calibrate_TiedBalancedAccuracy_TakesTheHighestThreshold()
    {
        // Thresholds at margins 3 and 1 both give TPR − FPR = 1/2; the higher one (fewer member calls) wins.
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.Loss, 0, [1, 3], [0, 2]));
        Assert.That(attack.GlobalThreshold, Is.EqualTo(Score(SignalRegistry.Loss, 3)));
        Assert.That(attack.OnReference.Counts, Is.EqualTo(new ConfusionCounts(1, 0, 2, 1)));
    }

    [Test]
    public void Calibrate_NoSeparation_CallsNobodyAMember()
    {
        // Identical member and non-member scores: nothing beats chance, so the threshold is +∞ (balanced accuracy 0.5).
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.Confidence, 0, [1, 2], [1, 2]));
        Assert.That(attack.GlobalThreshold, Is.EqualTo(double.PositiveInfinity));
        Assert.That(attack.OnReference.BalancedAccuracy, Is.EqualTo(0.5));
    }

    [Test]
    public void Calibrate_ReversedReference_StillPicksTheHighestBalancedAccuracyAndKeepsPolarity()
    {
        // Shadow members with *higher* loss: the rule is never flipped, the best it can do is chance.
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.Loss, 0, [0, 1], [2, 3]));
        Assert.That(attack.OnReference.Advantage, Is.EqualTo(0));
    }

    /// <summary>Class 0 separates at margin 6, class 1 at margin 2; class 2 has 2 + 2 reference examples only.</summary>
    static ReferenceScores PerClassReference(Signal signal) => ReferenceScores.Combine(
    [
        Reference(signal, 0, Range(6, 10), Range(4, 10)),
        Reference(signal, 1, Range(2, 10), Range(0, 10)),
        Reference(signal, 2, [5, 5], [1, 1]),
    ]);

    [Test]
    public void Calibrate_PerClass_FitsEachClassWithEnoughExamples()
    {
        var signal = SignalRegistry.ModifiedEntropy;
        var attack = ThresholdAttack.Calibrate(PerClassReference(signal), new(PerClass: true));
        Assert.That(attack.ClassThresholds.Keys, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(attack.ClassThresholds[0], Is.EqualTo(Score(signal, 6, label: 0)));
        Assert.That(attack.ClassThresholds[1], Is.EqualTo(Score(signal, 2, label: 1)));
        // Globally, thresholds at margins 5 and 2 tie (TPR − FPR = 12/22); the higher one is taken.
        Assert.That(attack.GlobalThreshold, Is.EqualTo(Score(signal, 5)));
    }

    [Test]
    public void Calibrate_PerClass_TooFewOrAbsentClassesFallBackToTheGlobalThreshold()
    {
        var attack = ThresholdAttack.Calibrate(PerClassReference(SignalRegistry.Loss), new(PerClass: true));
        Assert.That(attack.ThresholdFor(2), Is.EqualTo(attack.GlobalThreshold), "2 members + 2 non-members < 10 each");
        Assert.That(attack.ThresholdFor(7), Is.EqualTo(attack.GlobalThreshold), "absent from the reference set");
        var lenient = ThresholdAttack.Calibrate(PerClassReference(SignalRegistry.Loss), new(PerClass: true, MinClassExamples: 2));
        Assert.That(lenient.ClassThresholds.Keys, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Apply_PerClass_ComparesEachExampleWithItsClassThreshold()
    {
        var signal = SignalRegistry.Loss;
        var attack = ThresholdAttack.Calibrate(PerClassReference(signal), new(PerClass: true));
        var (z, y) = MarginLogits.Of([(1, 2.5), (0, 5.5), (2, 4), (2, 5.5)]);
        var outcome = attack.Apply(new TargetEvaluation(z, y, [true, false, false, true]));
        // Class 1 at 2.5 ≥ its 2.0 (below the global 5); class 0 at 5.5 < its 6.0 (above the global); class 2 global.
        Assert.That(outcome.CalledMember, Is.EqualTo(new[] { true, false, false, true }));
        Assert.That(outcome.Decisions.Counts, Is.EqualTo(new ConfusionCounts(2, 0, 2, 0)));
        Assert.That(double.IsNaN(outcome.Decisions.Threshold), "no single threshold decided");
        Assert.That(outcome.TrueClasses, Is.EqualTo(new[] { 1, 0, 2, 2 }));
        var global = ThresholdAttack.Calibrate(PerClassReference(signal)).Apply(new TargetEvaluation(z, y, [true, false, false, true]));
        Assert.That(global.CalledMember, Is.EqualTo(new[] { false, true, false, true }), "the global threshold alone");
        Assert.That(global.Decisions.Threshold, Is.EqualTo(attack.GlobalThreshold));
    }

    [Test]
    public void Apply_Decisions_AreTheCalibratedThresholdsAndOptimisticIsChosenOnTheEvaluationSet()
    {
        // Calibrated at margin 3; on the target members sit at 2.5–4 and non-members at 0–2, so a threshold fitted
        // on the target (margin 2.5) does better than the calibrated one: reported separately, as optimistic.
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.Entropy, 0, [3, 4, 5], [0, 1, 2]));
        var (z, y, isMember) = MarginLogits.Split(0, [2.5, 3.5, 4], [0, 1, 2]);
        var outcome = attack.Apply(new TargetEvaluation(z, y, isMember));
        Assert.That(outcome.Decisions, Is.EqualTo(ThresholdMetrics.At(outcome.Scores, attack.GlobalThreshold)));
        Assert.That(outcome.Decisions.Counts, Is.EqualTo(new ConfusionCounts(2, 0, 3, 1)));
        Assert.That((outcome.Decisions.Accuracy, outcome.Decisions.Precision, outcome.Decisions.Recall), Is.EqualTo((5.0 / 6, 1.0, 2.0 / 3)));
        Assert.That(outcome.Decisions.Advantage, Is.EqualTo(2.0 / 3).Within(1e-15));
        Assert.That(outcome.OptimisticBest.BalancedAccuracy, Is.EqualTo(1.0));
        Assert.That(outcome.OptimisticBest.Threshold, Is.EqualTo(Score(SignalRegistry.Entropy, 2.5)));
        Assert.That(MembershipReport.From(outcome.Scores).Auc, Is.EqualTo(1.0));
    }

    [TestCaseSource(nameof(AllSignals))]
    public void Apply_MembersMoreConfident_AucAboveHalf(Signal signal)
    {
        // Random ten-class logits (sd 1); members' true-class logit is boosted by 4 (a model that fits its training data,
        // so members get confident and right predictions, non-members diffuse ones).
        var g = new TorchSharp.torch.Generator(20210420);
        const int n = 400;
        var z = randn(n, 10, generator: g);
        var y = randint(10, n, generator: g);
        var isMember = Enumerable.Range(0, n).Select(i => i % 2 == 0).ToArray();
        var boost = nn.functional.one_hot(y, 10).to(float32) * tensor(isMember.Select(m => m ? 4f : 0f).ToArray()).unsqueeze(1);
        var target = new TargetEvaluation(z + boost, y, isMember);

        var (rz, ry) = (randn(n, 10, generator: g), randint(10, n, generator: g));
        var rBoost = nn.functional.one_hot(ry, 10).to(float32) * tensor(isMember.Select(m => m ? 4f : 0f).ToArray()).unsqueeze(1);
        var attack = ThresholdAttack.Calibrate(ReferenceScores.FromShadowOutputs(signal, rz + rBoost, ry, isMember));

        var outcome = attack.Apply(target);
        Assert.That(MembershipReport.From(outcome.Scores).Auc, Is.GreaterThan(0.6), signal.Name);
        Assert.That(outcome.Decisions.Advantage, Is.GreaterThan(0), signal.Name);
    }

    [Test]
    public void Apply_LossAttack_ScoreIsMinusTheLoss()
    {
        var (z, y, isMember) = MarginLogits.Split(0, [3], [0]);
        var outcome = ThresholdAttack.Calibrate(Reference(SignalRegistry.Loss, 0, [3], [0])).Apply(new TargetEvaluation(z, y, isMember));
        Assert.That(outcome.Scores.Scores, Is.EqualTo(MiaRepro.Signals.CrossEntropy.Compute(z, y).Select(l => -l)));
    }

    [Test]
    public void ReferenceAndEvaluation_AreSeparateTypes_ThatDoNotConvert()
    {
        // Calibration takes only shadow data, application only the target's: passing one for the other does not compile.
        var calibrate = typeof(ThresholdAttack).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == nameof(ThresholdAttack.Calibrate)).ToList();
        Assert.That(calibrate.Select(m => m.GetParameters()[0].ParameterType), Is.All.EqualTo(typeof(ReferenceScores)));
        var apply = typeof(ThresholdAttack).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == nameof(ThresholdAttack.Apply)).ToList();
        Assert.That(apply.Select(m => m.GetParameters().Single().ParameterType), Is.All.EqualTo(typeof(TargetEvaluation)));

        // Reference scores come only from shadow outputs and never turn into an evaluation set.
        Assert.That(typeof(ReferenceScores).GetConstructors(), Is.Empty, "no public constructor: FromShadowOutputs or Combine only");
        var publicMembers = typeof(ReferenceScores).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
        Assert.That(publicMembers.Select(m => m.ReturnType), Has.None.EqualTo(typeof(MembershipScores)).And.None.EqualTo(typeof(TargetEvaluation)));
        Assert.That(publicMembers.Where(m => m.Name is "op_Implicit" or "op_Explicit"), Is.Empty);
        Assert.That(typeof(MembershipScores).IsAssignableFrom(typeof(ReferenceScores)) || typeof(TargetEvaluation).IsAssignableFrom(typeof(ReferenceScores)), Is.False);
    }

    [Test]
    public void Reference_Empty_ThrowsNamingTheFix()
    {
        var e = Assert.Throws<ArgumentException>(() => ReferenceScores.FromShadowOutputs(SignalRegistry.Loss, zeros(0, 3), zeros(0, dtype: int64), []));
        Assert.That(e!.Message, Does.Contain("reference set is empty").And.Contain("held-out examples"));
        Assert.Throws<ArgumentException>(() => ReferenceScores.Combine([]));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Calibrate_ReferenceWithOneMembershipOnly_ThrowsNamingTheProblemAndFix(bool allMembers)
    {
        var (z, y, _) = MarginLogits.Split(0, [1, 2, 3], []);
        var reference = ReferenceScores.FromShadowOutputs(SignalRegistry.Loss, z, y, [allMembers, allMembers, allMembers]);
        var e = Assert.Throws<ArgumentException>(() => ThresholdAttack.Calibrate(reference));
        Assert.That(e!.Message, Does.Contain(allMembers ? "3 shadow member(s) and 0 shadow non-member(s)" : "0 shadow member(s) and 3 shadow non-member(s)")
            .And.Contain("both are needed").And.Contain("inShadowTraining = true").And.Contain("(false)"));
    }

    [Test]
    public void Reference_FlagsOfAnotherLength_Throws()
    {
        var (z, y, _) = MarginLogits.Split(0, [1, 2], [0]);
        var e = Assert.Throws<ArgumentException>(() => ReferenceScores.FromShadowOutputs(SignalRegistry.Loss, z, y, [true, false]));
        Assert.That(e!.Message, Does.Contain("3 shadow outputs but 2 in/out flags"));
    }

    [Test]
    public void Reference_CombineDifferentSignals_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ReferenceScores.Combine([
            Reference(SignalRegistry.Loss, 0, [1], [0]), Reference(SignalRegistry.Entropy, 0, [1], [0])]));
        Assert.That(e!.Message, Does.Contain("different signals (loss, entropy)"));
    }

    [Test]
    public void NaNLogits_InShadowOrTarget_Throw()
    {
        var z = zeros(2, 3);
        z[1, 0] = tensor(float.NaN);
        var y = zeros(2, dtype: int64);
        Assert.That(Assert.Throws<ArgumentException>(() => ReferenceScores.FromShadowOutputs(SignalRegistry.ModifiedEntropy, z, y, [true, false]))!.Message, Does.Contain("NaN or ±∞"));
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.ModifiedEntropy, 0, [3], [0]));
        Assert.That(Assert.Throws<ArgumentException>(() => attack.Apply(new TargetEvaluation(z, y, [true, false])))!.Message, Does.Contain("NaN or ±∞"));
    }

    [Test]
    public void Apply_TargetWithMembersOnly_Throws()
    {
        var attack = ThresholdAttack.Calibrate(Reference(SignalRegistry.Loss, 0, [3], [0]));
        var (z, y, _) = MarginLogits.Split(0, [1, 2], []);
        var e = Assert.Throws<ArgumentException>(() => attack.Apply(new TargetEvaluation(z, y, [true, true])));
        Assert.That(e!.Message, Does.Contain("both members and non-members"));
    }

    [Test]
    public void TargetEvaluation_FlagsOfAnotherLength_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => new TargetEvaluation(zeros(3, 2), zeros(3, dtype: int64), [true]))!.Message,
            Does.Contain("3 rows of target logits but 1 membership flags"));

    [Test]
    public void Options_MinClassExamplesBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdAttack.Calibrate(Reference(SignalRegistry.Loss, 0, [1], [0]), new(PerClass: true, MinClassExamples: 0)));

    sealed record AttackSpec(Signal Signal, bool PerClass = false);

    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    [TestCase("loss")]
    [TestCase("confidence")]
    [TestCase("entropy")]
    [TestCase("modified-entropy")]
    [TestCase("max-confidence")]
    public void SignalNames_ParseFromJsonAndRoundTrip(string name)
    {
        var expected = SignalRegistry.Get(name);
        var spec = JsonSerializer.Deserialize<AttackSpec>($$"""{ "signal": "{{name}}", "perClass": true }""", Json)!;
        Assert.That(spec, Is.EqualTo(new AttackSpec(expected, true)));
        Assert.That(JsonSerializer.Serialize(spec), Does.Contain($"\"Signal\":\"{name}\""));
        Assert.That(SignalRegistry.Get(expected.Name), Is.EqualTo(expected));
    }

    [Test]
    public void SignalNames_UnknownOrNumber_ClearError()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AttackSpec>("""{ "signal": "mentr" }""", Json));
        Assert.That(e!.Message, Does.Contain("'mentr' is unknown").And.Contain("\"loss\", \"confidence\", \"entropy\", \"modified-entropy\", \"max-confidence\""));
        var n = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AttackSpec>("""{ "signal": 3 }""", Json));
        Assert.That(n!.Message, Does.Contain("is a string"));
    }
}
