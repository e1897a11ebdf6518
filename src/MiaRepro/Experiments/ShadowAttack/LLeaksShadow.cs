using MiaRepro.Data;
using MiaRepro.Outputs;
using MiaRepro.Training;
using TorchSharp;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// An l-Leaks shadow (Li et al. §4): a student of the target, fitted on the attacker's shadow set to what the target
/// releases there. The attacker only queries: the target's outputs on the shadow set go through the output store, and
/// the shadow's key names the target by its key, the temperature, α, β and what was released.
/// </summary>
public static class LLeaksShadow
{
    public static DistillationTeacher Teacher(string targetKey, ShadowConstructionSpec c) =>
        new(targetKey, c.T) { Weights = c.Weights, Release = c.Release == "probabilities" ? "probabilities" : null };

    /// <summary>The target's outputs on the shadow's training examples as the attacker reads them: the stored logits, or
    /// the log of the released probabilities (the logits up to a constant per row: the loss is the same).</summary>
    public static torch.Tensor TargetOutputs(OutputStore store, string targetKey, torch.nn.Module<torch.Tensor, torch.Tensor> target,
        LabelledData shadowIn, torch.Tensor preprocessed, string shadowMembers, string datasetSha256, ShadowConstructionSpec c, OutputProvenance provenance)
    {
        var poolSha = JobKey.Of(new { shadowMembers });
        var logits = PartedOutputs.GetOrQuery(store, $"{targetKey}-shadowset-{poolSha[..12]}", "attacker's shadow set", datasetSha256, poolSha,
            [shadowIn.Labels], () => [Evaluation.Logits(target, preprocessed)], provenance)[0];
        if (c.Release == "logits") return logits;
        using (logits)
        using (var probabilities = logits.softmax(1))
            return DistillationLoss.LogitsFromProbabilities(probabilities);
    }
}
