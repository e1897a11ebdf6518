using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The baselines on the same models as LiRA and RMIA, plot.py's "Global threshold": each target's own signal, the mean
/// over queries, oriented higher = member (<see cref="Signal.MembershipScore"/>), with no reference model. The ROC
/// sweeps every threshold, so this is the threshold attack of Yeom et al. (loss) or on φ, at its best threshold per
/// FPR; a threshold fixed in advance (<see cref="ThresholdAttack"/>) can only do worse. Evaluated leave-one-model-out
/// like the others, so all attacks share one set of (target, example) pairs.
/// </summary>
public static class GlobalThreshold
{
    /// <summary>The signals this baseline supports: per-query values come from <see cref="QueryValues"/>.</summary>
    public static IReadOnlyList<Signal> Signals { get; } = [SignalRegistry.Loss, SignalRegistry.LogitScaled, SignalRegistry.Confidence, SignalRegistry.MaxConfidence];


    public static MembershipScores Run(ScoreSet set, Signal signal) => Run(set, signal, RawValues(set, signal));

    /// <summary>On per-query raw values of <paramref name="signal"/> computed once (loss, or φ).</summary>
    public static MembershipScores Run(ScoreSet set, Signal signal, QueryValues raw) =>
        LeaveOneModelOut.Run(set, (target, _) =>
        {
            var scores = new double[set.Examples];
            for (var n = 0; n < set.Examples; n++)
            {
                var sum = 0.0;
                for (var a = 0; a < set.Augmentations; a++) sum += raw[target, n, a];
                scores[n] = signal.MembershipScore(sum / set.Augmentations);
            }
            return scores;
        });

    /// <summary>The raw per-query values of a supported signal: the loss −log p_y, φ, p_y (Song &amp; Mittal's confidence)
    /// or max_i p_i (Salem et al.'s label-free confidence).</summary>
    public static QueryValues RawValues(ScoreSet set, Signal signal) =>
        signal == SignalRegistry.Loss ? QueryValues.Loss(set)
        : signal == SignalRegistry.LogitScaled ? QueryValues.LogitScaled(set)
        : signal == SignalRegistry.Confidence ? QueryValues.Probability(set, trueClass: true)
        : signal == SignalRegistry.MaxConfidence ? QueryValues.Probability(set, trueClass: false)
        : throw new ArgumentException($"The global-threshold baseline runs on {string.Join(", ", Signals.Select(s => s.Name))}, not '{signal.Name}'.");

    /// <summary>The correct classification rule (Leino &amp; Fredrikson; Irolla's baseline) on the same pairs: member iff the
    /// target classifies the plain query correctly. Two-valued, so its ROC is one operating point.</summary>
    public static MembershipScores CorrectClassification(ScoreSet set) =>
        LeaveOneModelOut.Run(set, (target, _) =>
        {
            var scores = new double[set.Examples];
            for (var n = 0; n < set.Examples; n++)
                scores[n] = CorrectClassificationRule.IsCorrect(set.LogitsOf(target, n, 0), set.Labels[n]) ? 1 : 0;
            return scores;
        });
}
