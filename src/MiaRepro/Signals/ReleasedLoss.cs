using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// A signal read off a released probability vector (an output defense's, as log-probabilities), from the true class's
/// released value alone (<see cref="Signal.FromReleasedTrueClass"/>): cross-entropy −log p_y, probability p_y,
/// logit-scaled log p_y − log(1 − p_y) with 1 − p_y floored at the release's floor. All are functions of p_y only, so
/// examples released with the same p_y get exactly the same value. Computing them through log_softmax instead (as
/// <see cref="Signal.Compute"/> does for raw logits) would renormalize the vector, and its log-sum-exp rounds
/// differently for each order of the classes: label-only outputs would get losses differing in the 16th digit by
/// predicted class — a ranking signal no attacker holding the released vector has.
/// </summary>
public static class ReleasedLoss
{
    /// <param name="floor">The floor the release put under probabilities (the defense's), reused for 1 − p_y: passed in
    /// so that signals need not know the defenses.</param>
    public static double[] Compute(Signal signal, Tensor releasedLogProbabilities, Tensor labels, double floor)
    {
        var fromTrueClass = signal.FromReleasedTrueClass
            ?? throw new ArgumentException($"Signal '{signal.Name}' depends on the whole probability vector, not on p_y alone: it has no released-output form; " +
                                           $"use one of {string.Join(", ", SignalRegistry.Names.Where(n => SignalRegistry.Get(n).FromReleasedTrueClass is not null).Select(n => $"\"{n}\""))}.");
        using var scope = NewDisposeScope();
        var (logP, y) = LogitsAndLabels.Prepare(releasedLogProbabilities, labels);
        var logPy = logP.gather(1, y.unsqueeze(1)).squeeze(1);
        return fromTrueClass(logPy, floor).data<double>().ToArray();
    }
}
