using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>A model from the store: trained now or loaded, with its history, key and provenance.</summary>
public sealed record TrainedModel(nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History, bool FromCache, string Key,
    TrainingProvenance Provenance)
{
    /// <summary>What most callers need: <c>var (model, history, fromCache) = cache.GetOrTrain(…)</c>.</summary>
    public void Deconstruct(out nn.Module<Tensor, Tensor> model, out IReadOnlyList<EpochRecord> history, out bool fromCache) =>
        (model, history, fromCache) = (Model, History, FromCache);
}
