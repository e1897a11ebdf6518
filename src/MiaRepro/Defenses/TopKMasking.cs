using static TorchSharp.torch;

namespace MiaRepro.Defenses;

/// <summary>
/// Top-k confidence masking (Shokri et al. 2017, §VI): release only the k largest probabilities, renormalized to sum
/// to 1, and 0 for every other class. Renormalized because an attacker that reads a probability vector (as every
/// attack here does, through softmax) sees it that way; so top-1 releases exactly the label (= <see cref="LabelOnly"/>).
/// </summary>
public sealed class TopKMasking : OutputDefense
{
    public int K { get; }

    public TopKMasking(int k, int classes)
    {
        if (k < 1 || k > classes)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Top-k masking keeps k of the {classes} classes: k must be in 1..{classes}, not {k} (defenses:…:k).");
        K = k;
    }

    public override string Name => $"top-{K}";

    protected override Tensor ReleasedProbabilities(Tensor logits)
    {
        var p = logits.softmax(1);
        var (values, indices) = p.topk(K, dim: 1);
        var kept = zeros_like(p).scatter(1, indices, values);
        return kept / kept.sum(1, keepdim: true);
    }
}
