using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// The largest softmax probability max_i p_i per example (Salem et al.'s ML-Leaks feature), float64 from the logits.
/// Label-free: it is the confidence in whatever the model predicts, right or wrong. Rounds to 1 for logit gaps ≳ 37.
/// </summary>
/// <remarks>The label is not part of the definition; it is taken (and checked) so every signal has one signature.</remarks>
public static class MaxConfidence
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, _) = LogitsAndLabels.Prepare(logits, labels);
        return z.log_softmax(1).max(1).values.exp().data<double>().ToArray();
    }
}
