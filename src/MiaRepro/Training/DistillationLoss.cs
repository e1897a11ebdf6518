using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// The one distillation loss of <see cref="Trainer"/>. Without <see cref="DistillationWeights"/>: Hinton et al.'s
/// T²·H(p, q) with p = softmax(teacher/T), q = softmax(student/T), the defense's loss since training-v1 (kept as written,
/// operation for operation, so the training-semantics golden does not move). With weights: Li et al.'s Eq. 8,
/// α·T²·KL(p ‖ q) + β·CE(student, label); KL = H(p, q) − H(p), the same gradient as the α-weighted soft cross-entropy,
/// but it is 0 when the student matches the teacher, as the paper writes it. Checked against PyTorch in
/// Tests/Training/DistillationLossTests (golden from tools/reference/lleaks_loss.py).
/// </summary>
public static class DistillationLoss
{
    /// <param name="student">The student's logits [n, C].</param>
    /// <param name="teacherProbabilities">softmax(teacher logits / T), row-aligned with <paramref name="student"/>.</param>
    /// <param name="labels">int64 [n], used by the β term only.</param>
    public static Tensor Of(Tensor student, Tensor teacherProbabilities, Tensor labels, double temperature, DistillationWeights? weights)
    {
        var logQ = (student / temperature).log_softmax(1);
        if (weights is null)
            return -(teacherProbabilities * logQ).sum(1).mean() * (temperature * temperature);
        Tensor? loss = null;
        if (weights.Alpha != 0)
        {
            // xlogy: a teacher probability that underflowed to 0 contributes 0, as in torch.nn.functional.kl_div.
            var kl = (teacherProbabilities.xlogy(teacherProbabilities) - teacherProbabilities * logQ).sum(1).mean();
            loss = kl * (weights.Alpha * temperature * temperature);
        }
        if (weights.Beta != 0)
        {
            var ce = nn.functional.cross_entropy(student, labels) * weights.Beta;
            loss = loss is null ? ce : loss + ce;
        }
        return loss ?? throw new ArgumentException("Distillation weights α = β = 0 leave no loss: set alpha or beta > 0.");
    }

    /// <summary>
    /// What a probabilities-only API lets the attacker distil from: log p = z − logsumexp(z), the logits up to one
    /// constant per row. softmax((z + c) / T) = softmax(z / T) at every T, so the loss is unchanged (tested); the clamp
    /// keeps a probability that underflowed to 0 finite (its soft label is then ≈ 0 at any T ≥ 1).
    /// </summary>
    public static Tensor LogitsFromProbabilities(Tensor probabilities)
    {
        using var floor = 1e-30.ToScalar();
        return probabilities.clamp_min(floor).log();
    }
}
