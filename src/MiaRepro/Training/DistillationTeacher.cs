namespace MiaRepro.Training;

/// <summary>A distilled student's teacher: its model key and the temperature of the soft labels.
/// <see cref="Weights"/>: l-Leaks' α, β (null: the defense's loss, see <see cref="DistillationLoss"/>).
/// <see cref="Release"/>: what the student saw of the teacher, "probabilities" when its logits were recovered by log
/// from released probabilities (null: the logits themselves). Both default to null, so existing students keep their keys.</summary>
public sealed record DistillationTeacher(string Key, double Temperature)
{
    public DistillationWeights? Weights { get; init; }
    public string? Release { get; init; }
}
