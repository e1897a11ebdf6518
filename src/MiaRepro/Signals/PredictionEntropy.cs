using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// Shannon entropy of the prediction, H = −Σ_i p_i log p_i (nats), per example in float64 from the logits
/// (<see cref="SoftmaxParts"/>: stable for logits of ±1000, and a confident row's tiny entropy is not rounded to 0).
/// Low for confident predictions, so members tend to score lower (Salem et al.; Song &amp; Mittal 2021).
/// </summary>
/// <remarks>The label is not part of the definition; it is taken (and checked) so every signal has one signature.</remarks>
public static class PredictionEntropy
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, _) = LogitsAndLabels.Prepare(logits, labels);
        var parts = new SoftmaxParts(z);
        return (parts.P * parts.LogP).sum(1).neg().data<double>().ToArray();
    }
}
