using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// Per-example cross-entropy −log p = −log_softmax(z)_y in float64. log_softmax subtracts the row's logsumexp, so
/// logits of ±50 (or more) neither overflow nor give log(0), unlike −log of a float32 softmax.
/// </summary>
public static class CrossEntropy
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        return z.log_softmax(1).gather(1, y.unsqueeze(1)).squeeze(1).neg().data<double>().ToArray();
    }

    /// <summary>−log p_y of one row of float32 logits, in float64 without a tensor: logsumexp(z) − z_y, shifted by the
    /// row's largest logit (for the many-model attacks, which call it once per model, example and query).</summary>
    public static double Of(ReadOnlySpan<float> logits, int label)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var sum = 0.0;
        foreach (var z in logits) sum += Math.Exp(z - max);
        return max + Math.Log(sum) - logits[label];
    }
}
