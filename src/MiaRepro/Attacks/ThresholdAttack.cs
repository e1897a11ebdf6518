using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Attacks;

/// <summary>
/// The threshold attacks of Yeom et al. (loss) and Song &amp; Mittal 2021 (confidence, entropy, modified entropy):
/// call an example a member iff its signal (<see cref="Signal.MembershipScores"/>, higher = member) is ≥ a threshold
/// chosen on reference data (<see cref="ReferenceScores"/>), then apply that fixed threshold to the target's
/// evaluation set (<see cref="Apply"/>, or <see cref="CallsMember"/> for scores already computed).
/// </summary>
/// <remarks>
/// Threshold choice: the candidate thresholds are +∞ (nobody is a member) and every distinct reference score, with the
/// rule score ≥ threshold (as in Song &amp; Mittal's code, which also thresholds at observed values); the one with the
/// highest balanced accuracy on the reference set wins, compared exactly in integers (TP·N − FP·P). Of equals, the
/// highest threshold wins, i.e. the one calling the fewest examples members; so where nothing beats chance the
/// threshold is +∞ and every example is called a non-member (balanced accuracy 0.5). This is
/// <see cref="ThresholdMetrics.AtOptimisticBestThreshold(MembershipScores)"/> on the reference set: optimistic there,
/// but an honest choice for the target, which it never sees. Both callers use this one rule: shadow-attack claims
/// calibrate on shadow models' outputs, the defense matrix (Bîndilă et al.'s leak setting) on the attacker's leaked
/// members and private non-members (<see cref="ReferenceScores.FromKnownValues"/>).
/// Per class: each true class with enough reference examples (<see cref="ThresholdAttackOptions.MinClassExamples"/>
/// shadow members and as many non-members) gets its own threshold by the same rule on its reference examples; every
/// other class, including one absent from the reference set, uses the global threshold.
/// </remarks>
public sealed class ThresholdAttack
{
    /// <summary>A threshold attack's name in every table, whichever kind calibrates it: "loss-threshold", "confidence-threshold".</summary>
    public static string NameOf(Signal signal) => $"{signal.Name}-threshold";

    public Signal Signal { get; }
    public ThresholdAttackOptions Options { get; }

    /// <summary>The threshold for all examples, or for classes without their own.</summary>
    public double GlobalThreshold { get; }

    /// <summary>The per-class thresholds (empty unless <see cref="ThresholdAttackOptions.PerClass"/>); classes not here use <see cref="GlobalThreshold"/>.</summary>
    public IReadOnlyDictionary<int, double> ClassThresholds { get; }

    /// <summary>The global threshold's decisions on the reference set it was chosen on (optimistic for the reference set).</summary>
    public ThresholdMetrics OnReference { get; }

    ThresholdAttack(Signal signal, ThresholdAttackOptions options, ThresholdMetrics onReference, IReadOnlyDictionary<int, double> classThresholds) =>
        (Signal, Options, OnReference, GlobalThreshold, ClassThresholds) = (signal, options, onReference, onReference.Threshold, classThresholds);

    /// <summary>Chooses the threshold(s) on reference data; see the remarks for the rule and its tie-breaking.</summary>
    public static ThresholdAttack Calibrate(ReferenceScores reference, ThresholdAttackOptions? options = null)
    {
        options ??= new();
        if (options.MinClassExamples < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MinClassExamples, "MinClassExamples must be at least 1.");
        reference.RequireBothClasses();
        var global = ThresholdMetrics.AtOptimisticBestThreshold(reference.AsMembershipScores());

        var perClass = new SortedDictionary<int, double>();
        if (options.PerClass)
            foreach (var c in reference.Classes.Distinct().Order())
            {
                var ofClass = reference.AsMembershipScores(c);
                if (ofClass.Members >= options.MinClassExamples && ofClass.NonMembers >= options.MinClassExamples)
                    perClass[c] = ThresholdMetrics.AtOptimisticBestThreshold(ofClass).Threshold;
            }
        return new(reference.Signal, options, global, perClass);
    }

    /// <summary>The threshold an example of this true class is compared with.</summary>
    public double ThresholdFor(int trueClass) => ClassThresholds.TryGetValue(trueClass, out var t) ? t : GlobalThreshold;

    /// <summary>Whether an example with this membership score (higher = member) is called a member: score ≥ the threshold
    /// of its true class, or ≥ the global threshold when the class is not known.</summary>
    public bool CallsMember(double membershipScore, int? trueClass = null) =>
        membershipScore >= (trueClass is { } c ? ThresholdFor(c) : GlobalThreshold);

    /// <summary>
    /// Scores the target's evaluation examples with the calibrated signal and calls each a member iff its score ≥ the
    /// threshold of its true class. The evaluation set needs both members and non-members.
    /// </summary>
    public AttackOutcome Apply(TargetEvaluation target)
    {
        var scores = Signal.MembershipScores(target.Logits, target.Labels);
        var classes = ClassIndices.Of(target.Labels);
        var called = scores.Select((s, i) => CallsMember(s, classes[i])).ToArray();
        return AttackOutcome.From(scores, classes, target.IsMember, called, ClassThresholds.Count > 0 ? double.NaN : GlobalThreshold);
    }
}
