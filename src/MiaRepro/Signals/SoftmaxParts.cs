using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// log p, p and log(1 − p) for every class of softmax(z), float64, each accurate to a few ulps relative to its own
/// value, including the row's dominant class where p rounds to 1. The entropy signals are built from these.
/// </summary>
/// <remarks>
/// Why not just log_softmax: it computes log p_i = z_i − logsumexp(z), which is exact in absolute terms but gives
/// log p = 0 exactly for the dominant class once its p is within 1e-16 of 1 (a logit gap of ≈ 37); −p log p is then
/// 0 instead of ≈ e^(−gap), and log(1 − p) would be log(0) = −∞. With m the row's argmax (the first one of tied maxima)
/// and d = logsumexp_{j≠m} z_j − z_m ≤ 0:
/// <list type="bullet">
/// <item>log p_m = −log1p(e^d) and log(1 − p_m) = d + log p_m (because 1 − p_m = e^d · p_m): no 1 − p is ever formed;</item>
/// <item>every other class has p_i ≤ 1/2, so log p_i = z_i − logsumexp(z) and log(1 − p_i) = log1p(−p_i) are accurate.</item>
/// </list>
/// For finite logits every value is finite: no clamping is needed (p may underflow to 0, and 0 · log p is then 0).
/// </remarks>
sealed class SoftmaxParts
{
    public Tensor LogP { get; }
    public Tensor P { get; }
    public Tensor Log1mP { get; }

    /// <summary>Of float64 logits [N, C] (from <see cref="LogitsAndLabels.Prepare"/>); tensors live in the caller's dispose scope.</summary>
    public SoftmaxParts(Tensor z)
    {
        var top = z.argmax(1, keepdim: true);
        var isTop = zeros_like(z, dtype: @bool).scatter_(1, top, ones_like(top, dtype: @bool));
        var zTop = z.gather(1, top);
        using var minusInfinity = double.NegativeInfinity.ToScalar();
        var d = z.masked_fill(isTop, minusInfinity).logsumexp(1, keepdim: true) - zTop;
        var logPTop = d.exp().log1p().neg();
        var logSumExp = zTop - logPTop;

        LogP = where(isTop, logPTop, z - logSumExp);
        P = LogP.exp();
        Log1mP = where(isTop, d + logPTop, P.neg().log1p());
    }
}
