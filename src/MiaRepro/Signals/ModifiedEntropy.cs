using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// Song &amp; Mittal's (2021, "Systematic evaluation of privacy risks of machine learning models", eq. 2) modified
/// prediction entropy Mentr(F(x), y) = −(1 − p_y) log p_y − Σ_{i≠y} p_i log(1 − p_i), per example in float64.
/// Unlike the entropy it uses the label: it is 0 for a confident correct prediction and large for a confident wrong
/// one, so members tend to score lower.
/// </summary>
/// <remarks>
/// Computed from <see cref="SoftmaxParts"/>: 1 − p_y = exp(log(1 − p_y)) and log(1 − p_i) never form 1 − p in floating
/// point, so p → 1 gives a finite (tiny or large) value, not −∞, and no clamp is applied. A confident wrong row with
/// logits ±1000 gives ≈ 4000; a confident right one ≈ 1e-85 at ±50 rather than 0.
/// </remarks>
public static class ModifiedEntropy
{
    public static double[] Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        var parts = new SoftmaxParts(z);
        var column = y.unsqueeze(1);
        var logPy = parts.LogP.gather(1, column).squeeze(1);
        var oneMinusPy = parts.Log1mP.gather(1, column).squeeze(1).exp();
        var isTrue = zeros_like(z, dtype: @bool).scatter_(1, column, ones_like(column, dtype: @bool));
        using var zero = 0.ToScalar();
        var others = (parts.P * parts.Log1mP).masked_fill(isTrue, zero).sum(1);
        return (oneMinusPy * logPy + others).neg().data<double>().ToArray();
    }
}
