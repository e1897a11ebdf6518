using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// A <see cref="LossSignal"/> read off a released probability vector (an output defense's, as log-probabilities),
/// from the true class's released value alone: cross-entropy −log p_y, probability p_y, logit-scaled
/// log p_y − log(1 − p_y) with 1 − p_y floored at <see cref="Defenses.OutputDefense.Floor"/>. All three are functions of
/// p_y only, so examples released with the same p_y get exactly the same loss. Computing them through log_softmax
/// instead (as <see cref="LossSignals"/> does for raw logits) would renormalize the vector, and its log-sum-exp rounds
/// differently for each order of the classes: label-only outputs would get losses differing in the 16th digit by
/// predicted class — a ranking signal no attacker holding the released vector has.
/// </summary>
public static class ReleasedLoss
{
    public static double[] Compute(LossSignal signal, Tensor releasedLogProbabilities, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (logP, y) = LogitsAndLabels.Prepare(releasedLogProbabilities, labels);
        var logPy = logP.gather(1, y.unsqueeze(1)).squeeze(1);
        var result = signal switch
        {
            LossSignal.CrossEntropy => logPy.neg(),
            LossSignal.Probability => logPy.exp(),
            LossSignal.LogitScaled => logPy - logPy.exp().neg().add(1).clamp_min(Defenses.OutputDefense.Floor).log(),
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown loss signal."),
        };
        return result.data<double>().ToArray();
    }
}
