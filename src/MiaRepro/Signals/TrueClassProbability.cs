using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>p = softmax(z)_y per example, as exp(log_softmax(z)_y) in float64 (no overflow for large logits).</summary>
public static class TrueClassProbability
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        return z.log_softmax(1).gather(1, y.unsqueeze(1)).squeeze(1).exp().data<double>().ToArray();
    }
}
