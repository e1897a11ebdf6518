using MiaRepro.Signals;
using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>
/// Li et al.'s §5.5 similarity signal as an attack: the target's evaluation examples scored by their loss under the
/// shadow models, which never trained on any of them. An l-Leaks shadow imitates the target, so the target's members
/// should have a lower loss under it than its non-members (Fig. 6). Score: −(mean over shadows of −log p_y), higher =
/// member; the call is that score against a loss threshold calibrated beforehand (on the shadows' own in/out outputs, as
/// the loss-threshold attack's), so the target's membership is read only to score the calls.
/// </summary>
public static class ShadowLossAttack
{
    /// <summary>The attack's name in experiment files and tables (Li et al. §5.5's signal as an attack).</summary>
    public const string Name = "similarity-loss";

    /// <param name="threshold">A loss-threshold attack calibrated on reference data (its per-class thresholds apply).</param>
    /// <param name="shadowLogits">Each shadow's logits [N, C] on the evaluation examples, in the evaluation set's order.</param>
    /// <param name="labels">The examples' true classes [N].</param>
    /// <param name="isMember">The target's membership of each example.</param>
    public static AttackOutcome Apply(ThresholdAttack threshold, IReadOnlyList<Tensor> shadowLogits, Tensor labels, IReadOnlyList<bool> isMember)
    {
        if (threshold.Signal != SignalRegistry.Loss)
            throw new ArgumentException($"The shadow-loss attack thresholds the loss, but the threshold was calibrated on '{threshold.Signal.Name}': calibrate it on the loss signal.", nameof(threshold));
        if (shadowLogits.Count == 0)
            throw new ArgumentException("The shadow-loss attack needs at least one shadow's logits on the evaluation examples.", nameof(shadowLogits));
        for (var s = 0; s < shadowLogits.Count; s++)
            if (shadowLogits[s].shape[0] != isMember.Count)
                throw new ArgumentException($"Shadow {s} has logits on {shadowLogits[s].shape[0]} examples but the evaluation set has {isMember.Count}: query every shadow on the same evaluation examples.", nameof(shadowLogits));
        var perShadow = shadowLogits.Select(z => SignalRegistry.Loss.MembershipScores(z, labels)).ToList();
        var scores = Enumerable.Range(0, isMember.Count).Select(i => perShadow.Average(p => p[i])).ToArray();
        var classes = ClassIndices.Of(labels);
        var called = scores.Select((s, i) => threshold.CallsMember(s, classes[i])).ToArray();
        return AttackOutcome.From(scores, classes, isMember, called, threshold.ClassThresholds.Count > 0 ? double.NaN : threshold.GlobalThreshold);
    }
}
