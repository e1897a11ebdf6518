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
}
