using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// Checks a logits/labels pair and brings it to float64 on the CPU, so every signal is computed in double precision
/// from the float32 logits the model produced (the conversion is exact).
/// </summary>
static class LogitsAndLabels
{
    /// <summary>Float64 logits [N, C] and int64 labels [N], on the CPU; the caller disposes them (or its scope does).</summary>
    public static (Tensor Logits, Tensor Labels) Prepare(Tensor logits, Tensor labels)
    {
        if (logits.dim() != 2)
            throw new ArgumentException($"Logits have shape [{string.Join(", ", logits.shape)}]: pass one row of class logits per example, shape [N, C].");
        if (labels.dim() != 1)
            throw new ArgumentException($"Labels have shape [{string.Join(", ", labels.shape)}]: pass one class index per example, shape [N].");
        long n = logits.shape[0], c = logits.shape[1];
        if (labels.shape[0] != n)
            throw new ArgumentException($"{n} rows of logits but {labels.shape[0]} labels: pass logits and labels of the same examples, in the same order.");
        if (c < 2)
            throw new ArgumentException($"Logits have {c} class(es): a softmax loss needs at least 2 classes.");
        if (!logits.is_floating_point())
            throw new ArgumentException($"Logits are {logits.dtype}: pass the model's floating-point outputs, not class indices.");
        if (labels.is_floating_point() || labels.dtype == ScalarType.Bool)
            throw new ArgumentException($"Labels are {labels.dtype}: pass integer class indices (int64), not probabilities or masks.");

        var z = logits.detach().to(float64, CPU);
        var y = labels.detach().to(int64, CPU);
        if (n > 0)
        {
            long min = y.min().item<long>(), max = y.max().item<long>();
            if (min < 0 || max >= c)
                throw new ArgumentException($"Labels range over [{min}, {max}] but the logits have {c} classes: every label must be in [0, {c - 1}] (are the labels from another dataset, or 1-based?).");
            if (!z.isfinite().all().item<bool>())
                throw new ArgumentException("Logits contain NaN or ±∞: the target produced non-finite outputs (diverged training or a broken checkpoint); no loss signal is defined for them.");
        }
        return (z, y);
    }
}
