using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// A single-logit binary model (sigmoid output) read as two-class logits [0, z]: softmax([0, z]) = [1 − σ(z), σ(z)], and
/// cross-entropy on them is exactly binary cross-entropy on z. Everything downstream (training loss, accuracy, signals,
/// attack features) then treats it like any classifier.
/// </summary>
public static class TwoClassLogits
{
    /// <summary><paramref name="logits"/> unchanged when it has more than one column; [0, z] when it has one.</summary>
    public static Tensor Expand(Tensor logits) =>
        logits.shape[1] == 1 ? cat([zeros_like(logits), logits], 1) : logits;
}
