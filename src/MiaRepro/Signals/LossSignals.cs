using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>Computes a <see cref="LossSignal"/> per example from logits [N, C] and int64 labels [N].</summary>
public static class LossSignals
{
    /// <summary>One double per example. Throws <see cref="ArgumentException"/> for mismatched shapes, labels out of
    /// range or non-finite logits.</summary>
    public static double[] Compute(LossSignal signal, Tensor logits, Tensor labels) => signal switch
    {
        LossSignal.Probability => TrueClassProbability.Compute(logits, labels),
        LossSignal.CrossEntropy => CrossEntropy.Compute(logits, labels),
        LossSignal.LogitScaled => LogitScaledConfidence.Compute(logits, labels),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown loss signal."),
    };
}
