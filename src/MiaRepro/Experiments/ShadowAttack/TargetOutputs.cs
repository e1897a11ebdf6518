using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Defenses;
using MiaRepro.Outputs;
using MiaRepro.Training;
using TorchSharp;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>A model's outputs on the evaluation draw through the output store, and the target's as the attacker sees them
/// (released, optionally only the correctly classified).</summary>
static class TargetOutputs
{
    /// <summary>Logits as released: through <paramref name="release"/> when there is one (log of the released probabilities,
    /// in the logits' dtype so every attack reads them unchanged); <paramref name="logits"/> is consumed.</summary>
    public static torch.Tensor Released(OutputDefense? release, torch.Tensor logits)
    {
        if (release is null) return logits;
        using var released = release.Release(logits);
        var result = released.to(logits.dtype, logits.device);
        logits.Dispose();
        return result;
    }

    /// <summary>The target's released logits on the evaluation set (members then non-members), optionally only those it
    /// classifies correctly (as the attacker sees: by the released output).</summary>
    public static (torch.Tensor Logits, torch.Tensor Labels, bool[] IsMember, long[][] Kept) Query(OutputStore store, string targetKey, OutputProvenance provenance,
        torch.nn.Module<torch.Tensor, torch.Tensor> target, SplitManifest split, Dataset dataset, EvaluationDraw draw, ExperimentSpec spec, OutputDefense? release)
    {
        var parts = new[] { (EvaluationDraw.MembersPart, draw.MemberIndices, true), (EvaluationDraw.NonMembersPart, draw.NonMemberIndices, false) };
        var data = EvaluationData(split, dataset, draw);
        // The target's raw outputs on this evaluation draw; the release and TP-only filter apply to what is read back.
        var raw = EvaluationOutputs(store, targetKey, provenance, target, split, dataset, draw, spec);
        var logits = new List<torch.Tensor>();
        var labels = new List<torch.Tensor>();
        var isMember = new List<bool>();
        var keptPerPart = new long[parts.Length][];
        for (var p = 0; p < parts.Length; p++)
        {
            var (_, indices, member) = parts[p];
            var z = Released(release, raw[p]);
            data[p].Features.Dispose();
            var keep = spec.Evaluation.TpOnly ? ShadowAttackData.Correct(data[p] with { Features = z }) : Enumerable.Repeat(true, indices.Length).ToArray();
            var kept = keptPerPart[p] = Enumerable.Range(0, keep.Length).Where(i => keep[i]).Select(i => (long)i).ToArray();
            using var index = torch.tensor(kept, torch.int64);
            logits.Add(z.index_select(0, index));
            labels.Add(data[p].Labels.index_select(0, index));
            isMember.AddRange(Enumerable.Repeat(member, kept.Length));
            z.Dispose(); data[p].Labels.Dispose();
        }
        if (isMember.Count(m => m) == 0 || isMember.Count(m => !m) == 0)
            throw new ArgumentException($"The evaluation set has {isMember.Count(m => m)} member(s) and {isMember.Count(m => !m)} non-member(s) " +
                                        $"{(spec.Evaluation.TpOnly ? "after keeping only correctly classified examples " : "")}: an attack needs both.");
        var result = (torch.cat(logits, 0), torch.cat(labels, 0), isMember.ToArray(), keptPerPart);
        logits.ForEach(t => t.Dispose()); labels.ForEach(t => t.Dispose());
        return result;
    }

    /// <summary>The evaluation draw's examples, members then non-members (features not preprocessed; the caller disposes).</summary>
    static LabelledData[] EvaluationData(SplitManifest split, Dataset dataset, EvaluationDraw draw) =>
        [dataset.Part(split.Parts[EvaluationDraw.MembersPart].From).Select(draw.MemberIndices),
         dataset.Part(split.Parts[EvaluationDraw.NonMembersPart].From).Select(draw.NonMemberIndices)];

    /// <summary>A model's raw logits on the evaluation draw (members, non-members), through the output store: keyed by the
    /// model and the draw (claims sharing a model may draw differently). The target's, or a shadow's for shadow-loss.</summary>
    public static torch.Tensor[] EvaluationOutputs(OutputStore store, string modelKey, OutputProvenance provenance,
        torch.nn.Module<torch.Tensor, torch.Tensor> model, SplitManifest split, Dataset dataset, EvaluationDraw draw, ExperimentSpec spec)
    {
        var data = EvaluationData(split, dataset, draw);
        try
        {
            var poolSha = JobKey.Of(new { split = split.Hash(), members = draw.MemberIndices, nonMembers = draw.NonMemberIndices });
            return PartedOutputs.GetOrQuery(store, $"{modelKey}-eval-{poolSha[..12]}", "evaluation members+nonMembers", dataset.Sha256, poolSha,
                data.Select(d => d.Labels).ToList(), () => data.Select(d =>
                {
                    using var xs = spec.Training.Preprocessing.Apply(d.Features);
                    return Evaluation.Logits(model, xs);
                }).ToArray(), provenance);
        }
        finally { foreach (var d in data) { d.Features.Dispose(); d.Labels.Dispose(); } }
    }
}
