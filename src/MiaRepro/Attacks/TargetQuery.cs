using MiaRepro.Data;

namespace MiaRepro.Attacks;

/// <summary>
/// The target's outputs on the evaluation set: logits (as Features) and true labels of examples drawn from the
/// target's split, and whether each was in the target's training set. What every attack scores; built by
/// <see cref="TargetEvaluation"/> from the target's own split parts only.
/// </summary>
public sealed record TargetQuery(LabelledData Outputs, bool[] IsMember)
{
    public int Count => IsMember.Length;
}
