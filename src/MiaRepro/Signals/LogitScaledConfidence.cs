using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// φ(p) = log(p / (1 − p)) per example, computed from the logits as z_y − logsumexp_{j≠y} z_j in float64.
/// </summary>
/// <remarks>
/// Why that is log(p/(1−p)): with S = Σ_j e^{z_j}, p = e^{z_y}/S and 1 − p = Σ_{j≠y} e^{z_j}/S, so the S cancels in
/// p/(1−p) = e^{z_y} / Σ_{j≠y} e^{z_j}, whose log is z_y − logsumexp_{j≠y} z_j. Computing it that way never forms
/// 1 − p, which is 0 in floating point once p rounds to 1 (a confident member): the naive formula then gives +∞,
/// and Bîndilă et al.'s log(p/(1 − p + 1e-31)) saturates at ≈ 71 for float32 p. Here φ stays exact (e.g. 97.8 for a
/// logit gap of 50 over 9 other classes).
/// </remarks>
public static class LogitScaledConfidence
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        var target = z.gather(1, y.unsqueeze(1)).squeeze(1);
        var isTarget = nn.functional.one_hot(y, z.shape[1]).to(@bool);
        using var minusInfinity = double.NegativeInfinity.ToScalar();
        var others = z.masked_fill(isTarget, minusInfinity).logsumexp(1);
        return (target - others).data<double>().ToArray();
    }

    /// <summary>φ of one row of float32 logits with true class <paramref name="label"/>, in float64 without a tensor: the
    /// same z_y − logsumexp_{j≠y} z_j (shifted by the largest other logit, so huge logits neither overflow nor cancel).
    /// The many-model attacks call it M·N·A times, where a tensor per row would cost more than the arithmetic.</summary>
    public static double Of(ReadOnlySpan<float> logits, int label)
    {
        var max = double.NegativeInfinity;
        for (var j = 0; j < logits.Length; j++)
            if (j != label && logits[j] > max) max = logits[j];
        var sum = 0.0;
        for (var j = 0; j < logits.Length; j++)
            if (j != label) sum += Math.Exp(logits[j] - max);
        return logits[label] - (max + Math.Log(sum));
    }
}
