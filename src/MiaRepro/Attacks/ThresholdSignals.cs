using MiaRepro.Signals;
using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>Computes a <see cref="ThresholdSignal"/> per example, oriented so that higher = member.</summary>
public static class ThresholdSignals
{
    /// <summary>One finite double per example from logits [N, C] and integer labels [N]. Throws
    /// <see cref="ArgumentException"/> for mismatched shapes, labels out of range or non-finite logits.</summary>
    public static double[] Compute(ThresholdSignal signal, Tensor logits, Tensor labels) => signal switch
    {
        ThresholdSignal.Loss => Negated(CrossEntropy.Compute(logits, labels)),
        ThresholdSignal.Confidence => TrueClassProbability.Compute(logits, labels),
        ThresholdSignal.Entropy => Negated(PredictionEntropy.Compute(logits, labels)),
        ThresholdSignal.ModifiedEntropy => Negated(ModifiedEntropy.Compute(logits, labels)),
        ThresholdSignal.MaxConfidence => MaxConfidence.Compute(logits, labels),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown threshold-attack signal."),
    };

    static double[] Negated(double[] values) => values.Select(v => -v).ToArray();
}
