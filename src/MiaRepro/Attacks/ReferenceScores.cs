using MiaRepro.Metrics;
using MiaRepro.Signals;
using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>
/// The data a <see cref="ThresholdAttack"/> is calibrated on: one signal, oriented higher = member, computed from
/// shadow models' outputs on their own training examples (in) and held-out examples (out), with the true classes; or,
/// in the data-leak setting, from signal values of the members an attacker knows and of its own non-members.
/// </summary>
/// <remarks>
/// A separate type from <see cref="MembershipScores"/> and <see cref="TargetEvaluation"/> on purpose: the only way to
/// make one is <see cref="FromShadowOutputs"/> (or <see cref="FromKnownValues"/>), <see cref="ThresholdAttack.Calibrate"/> takes nothing else, and it
/// converts to neither evaluation type, so calibration data cannot be scored as the evaluation set (or the evaluation
/// set used to pick the threshold) by passing the wrong object. Membership here is the shadow's, never the target's.
/// </remarks>
public sealed class ReferenceScores
{
    public Signal Signal { get; }

    /// <summary>The oriented signal per reference example (higher = member).</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>The true class of each reference example.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Whether each example was in its shadow model's training set.</summary>
    public IReadOnlyList<bool> InShadowTraining { get; }

    public int Count => Scores.Count;
    public int Members => InShadowTraining.Count(m => m);
    public int NonMembers => Count - Members;

    ReferenceScores(Signal signal, double[] scores, int[] classes, bool[] inShadowTraining) =>
        (Signal, Scores, Classes, InShadowTraining) = (signal, scores, classes, inShadowTraining);

    /// <summary>
    /// One shadow model's outputs: logits [N, C] on examples with labels [N], and for each whether it was in that
    /// shadow's training set. Several shadows: make one each and <see cref="Combine"/> them.
    /// </summary>
    public static ReferenceScores FromShadowOutputs(Signal signal, Tensor shadowLogits, Tensor labels, bool[] inShadowTraining)
    {
        var scores = signal.MembershipScores(shadowLogits, labels);
        if (scores.Length != inShadowTraining.Length)
            throw new ArgumentException($"{scores.Length} shadow outputs but {inShadowTraining.Length} in/out flags: pass one flag per example, in the same order.", nameof(inShadowTraining));
        if (scores.Length == 0)
            throw new ArgumentException(EmptyMessage, nameof(shadowLogits));
        return new(signal, scores, ClassIndices.Of(labels), (bool[])inShadowTraining.Clone());
    }

    /// <summary>
    /// Raw signal values (<see cref="Signal.Compute"/>, or <see cref="ReleasedLoss"/> on released outputs) of examples
    /// the attacker knows to be members and of examples it knows are not. No classes are known (all are class 0), so
    /// a threshold calibrated on it is global.
    /// </summary>
    public static ReferenceScores FromKnownValues(Signal signal, IReadOnlyList<double> members, IReadOnlyList<double> nonMembers)
    {
        if (members.Count + nonMembers.Count == 0)
            throw new ArgumentException(EmptyMessage, nameof(members));
        double[] scores = [.. members.Select(signal.MembershipScore), .. nonMembers.Select(signal.MembershipScore)];
        bool[] isMember = [.. members.Select(_ => true), .. nonMembers.Select(_ => false)];
        return new(signal, scores, new int[scores.Length], isMember);
    }

    /// <summary>The examples of several shadow models as one reference set (all computed with the same signal).</summary>
    public static ReferenceScores Combine(IEnumerable<ReferenceScores> shadows)
    {
        var all = shadows.ToList();
        if (all.Count == 0) throw new ArgumentException(EmptyMessage, nameof(shadows));
        var signals = all.Select(s => s.Signal).Distinct().ToList();
        if (signals.Count > 1)
            throw new ArgumentException($"The shadow outputs were scored with different signals ({string.Join(", ", signals.Select(s => s.Name))}): compute every shadow's reference scores with the attack's one signal.", nameof(shadows));
        return new(signals[0], all.SelectMany(s => s.Scores).ToArray(), all.SelectMany(s => s.Classes).ToArray(), all.SelectMany(s => s.InShadowTraining).ToArray());
    }

    /// <summary>The reference examples (of one class, or all) in the score contract, for choosing a threshold; internal
    /// so that reference data never leaves this assembly dressed as an evaluation set.</summary>
    internal MembershipScores AsMembershipScores(int? onlyClass = null)
    {
        var keep = Enumerable.Range(0, Count).Where(i => onlyClass is not { } c || Classes[i] == c).ToArray();
        return new(keep.Select(i => Scores[i]).ToArray(), keep.Select(i => InShadowTraining[i]).ToArray());
    }

    /// <summary>Throws unless both shadow members and shadow non-members are present: a threshold separates the two.</summary>
    internal void RequireBothClasses()
    {
        if (Members == 0 || NonMembers == 0)
            throw new ArgumentException(
                $"The reference set has {Members} shadow member(s) and {NonMembers} shadow non-member(s): a threshold is chosen to separate the two, so both are needed. " +
                "Pass each shadow model's outputs on its own training examples (inShadowTraining = true) and on examples it did not train on (false).");
    }

    const string EmptyMessage =
        "The reference set is empty: calibrate on shadow models' outputs on their own training examples (in) and on held-out examples (out).";
}
