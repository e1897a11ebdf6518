using MiaRepro.Data;
using MiaRepro.Outputs;
using MiaRepro.Training;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>
/// The output-store stage for the sweep's targets: each model's logits on its pool — the split's members, then its
/// non-members, plain query — stored under the model's key (&lt;cache&gt;/outputs), and read back from there for the
/// attacks. So a target is queried once, and an attack change reruns from stored outputs.
/// </summary>
public sealed class SweepOutputs(string cacheRoot, string datasetSha256, SplitManifest split, string commit)
{
    public const string Pool = "members+nonMembers";

    public OutputStore Store { get; } = OutputStore.InCache(cacheRoot);

    /// <summary>The model's stored outputs split back into members and non-members (the caller disposes the tensors);
    /// queried and stored first if the store has none.</summary>
    public (LabelledData Members, LabelledData NonMembers) Get(string modelKey, nn.Module<Tensor, Tensor> model, LabelledData members,
        LabelledData nonMembers, Device device)
    {
        var parts = PartedOutputs.GetOrQuery(Store, modelKey, Pool, datasetSha256, split.Hash(), [members.Labels, nonMembers.Labels],
            () => [Evaluation.Logits(model, members.Features), Evaluation.Logits(model, nonMembers.Features)], OutputProvenance.Now(device.ToString(), commit));
        return (new(parts[0], members.Labels.to(int64, CPU, copy: true), members.Classes), new(parts[1], nonMembers.Labels.to(int64, CPU, copy: true), nonMembers.Classes));
    }

    /// <summary>Members (the first <paramref name="memberCount"/> of the pool) and non-members of stored outputs, plain query.</summary>
    public static (LabelledData Members, LabelledData NonMembers) Split(ModelOutputs outputs, int memberCount)
    {
        var parts = PartedOutputs.Slice(outputs, [memberCount, outputs.N - memberCount]);
        return (new(parts[0], tensor(outputs.Labels.AsSpan(0, memberCount).ToArray()), outputs.C),
            new(parts[1], tensor(outputs.Labels.AsSpan(memberCount).ToArray()), outputs.C));
    }
}
