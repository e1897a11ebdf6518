using System.Numerics;
using MiaRepro.Signals;
using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>
/// The correct-classification rule (CCR; Irolla &amp; Châtel 2019, Leino &amp; Fredrikson's baseline, Yeom et al.'s
/// "bounded loss" adversary): an example is a member iff the target predicts its true label. Its score is 1 if
/// argmax z = y else 0, so ROC and AUC come from <see cref="Metrics.MembershipReport"/> like every attack's, and the
/// decision is score ≥ <see cref="Threshold"/>. Needs no shadow models. Of tied maximal logits, the lowest class
/// index is the prediction (numpy's and torch's argmax), so a tie with the true class counts as correct only if the
/// true class comes first.
/// </summary>
public static class CorrectClassificationRule
{
    /// <summary>The attack's name in every table.</summary>
    public const string Name = "ccr";

    public const double Threshold = 0.5;

    public static AttackOutcome Apply(TargetEvaluation target)
    {
        var correct = Correct(target.Logits, target.Labels);
        var scores = correct.Select(c => c ? 1.0 : 0.0).ToArray();
        return AttackOutcome.From(scores, ClassIndices.Of(target.Labels), target.IsMember, correct, Threshold);
    }

    /// <summary>Per example, whether the top class (lowest index among ties) is the true label.</summary>
    public static bool[] Correct(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        var c = (int)z.shape[1];
        var values = z.data<double>().ToArray();
        var truth = y.data<long>().ToArray();
        var correct = new bool[truth.Length];
        for (var i = 0; i < truth.Length; i++) correct[i] = IsCorrect<double>(values.AsSpan(i * c, c), truth[i]);
        return correct;
    }

    /// <summary>Whether the top class of one example's logits (lowest index among ties) is <paramref name="label"/>: the
    /// one argmax of the rule, for tensors (<see cref="Correct"/>) and stored score sets (float logits) alike.</summary>
    public static bool IsCorrect<T>(ReadOnlySpan<T> logits, long label) where T : INumber<T>
    {
        var predicted = 0;
        for (var j = 1; j < logits.Length; j++)
            if (logits[j] > logits[predicted]) predicted = j;   // strictly greater: a tie keeps the lower index
        return predicted == label;
    }
}
