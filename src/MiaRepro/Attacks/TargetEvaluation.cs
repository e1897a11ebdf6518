using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>
/// What an attack is evaluated on: the target model's logits [N, C] on its evaluation examples, their labels [N], and
/// whether each was in the target's training set (from the target's split manifest). The attack applies a rule fixed
/// beforehand (e.g. a threshold from <see cref="ReferenceScores"/>); the membership is used only to score its decisions.
/// The caller owns the tensors.
/// </summary>
public sealed class TargetEvaluation
{
    public Tensor Logits { get; }
    public Tensor Labels { get; }
    public IReadOnlyList<bool> IsMember { get; }

    public TargetEvaluation(Tensor logits, Tensor labels, bool[] isMember)
    {
        var rows = logits.dim() >= 1 ? logits.shape[0] : 0;
        if (rows != isMember.Length)
            throw new ArgumentException($"{rows} rows of target logits but {isMember.Length} membership flags: pass one flag per evaluation example, in the same order.", nameof(isMember));
        (Logits, Labels, IsMember) = (logits, labels, (bool[])isMember.Clone());
    }
}
