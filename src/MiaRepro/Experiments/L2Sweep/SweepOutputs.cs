using MiaRepro.Data;
using MiaRepro.Outputs;
using MiaRepro.Training;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.L2Sweep;

/// <summary>
/// The output-store stage for the sweep's targets: each model's logits on its pool — the split's members, then its
/// non-members, plain query — stored under the model's key (&lt;cache&gt;/outputs), and read back from there for the
/// attacks. So a target is queried once, and an attack change reruns from stored outputs.
/// </summary>
public sealed class SweepOutputs(string cacheRoot, string datasetSha256, SplitManifest split, string commit)
{
    public const string Pool = "members+nonMembers";

    public OutputStore Store { get; } = new(Path.Combine(cacheRoot, "outputs"));

    /// <summary>The model's stored outputs split back into members and non-members (the caller disposes the tensors);
    /// queried and stored first if the store has none.</summary>
    public (LabelledData Members, LabelledData NonMembers) Get(string modelKey, nn.Module<Tensor, Tensor> model, LabelledData members,
        LabelledData nonMembers, Device device)
    {
        if (!Store.Has(modelKey)) Store.Write(Query(modelKey, model, members, nonMembers), OutputProvenance.Now(device.ToString(), commit), datasetSha256, split.Hash());
        var outputs = Store.Read(modelKey, datasetSha256, split.Hash());
        return Split(outputs, (int)members.Count);
    }

    /// <summary>Members (the first <paramref name="memberCount"/> of the pool) and non-members of stored outputs, plain query.</summary>
    public static (LabelledData Members, LabelledData NonMembers) Split(ModelOutputs outputs, int memberCount)
    {
        var plain = new float[(long)outputs.N * outputs.C];
        for (var n = 0; n < outputs.N; n++)
            Array.Copy(outputs.Logits, (long)n * outputs.A * outputs.C, plain, (long)n * outputs.C, outputs.C);
        LabelledData Part(int from, int count) => new(
            tensor(plain.AsSpan(from * outputs.C, count * outputs.C).ToArray(), [count, outputs.C]),
            tensor(outputs.Labels.AsSpan(from, count).ToArray()), outputs.C);
        return (Part(0, memberCount), Part(memberCount, outputs.N - memberCount));
    }

    static ModelOutputs Query(string modelKey, nn.Module<Tensor, Tensor> model, LabelledData members, LabelledData nonMembers)
    {
        using var scope = NewDisposeScope();
        var memberLogits = Evaluation.Logits(model, members.Features).to(float32, CPU);
        var nonMemberLogits = Evaluation.Logits(model, nonMembers.Features).to(float32, CPU);
        var logits = memberLogits.data<float>().Concat(nonMemberLogits.data<float>()).ToArray();
        var labels = members.Labels.to(int64, CPU).data<long>().Concat(nonMembers.Labels.to(int64, CPU).data<long>()).ToArray();
        return new ModelOutputs(modelKey, Pool, logits, (int)memberLogits.shape[1], labels, [QueryAugmentation.Plain]);
    }
}
