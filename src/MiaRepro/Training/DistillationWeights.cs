namespace MiaRepro.Training;

/// <summary>
/// The weights of l-Leaks' distillation loss (Li et al. §4, Eq. 8): L = α·T²·KL(p_t^T ‖ q_s^T) + β·CE(q_s, label).
/// Absent (null) on a job, distillation keeps the defense's loss T²·H(p_t^T, q_s^T) (the soft-label cross-entropy, no
/// label term), so students trained before these weights existed keep their keys and their numbers.
/// </summary>
public sealed record DistillationWeights(double Alpha, double Beta);
