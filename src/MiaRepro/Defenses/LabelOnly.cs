using static TorchSharp.torch;

namespace MiaRepro.Defenses;

/// <summary>Releases only the predicted label, as a one-hot vector (ART's ClassLabels). Any attack on it can do no
/// better than an attack that only knows whether the prediction is correct (the correct-classification rule) and which
/// class was predicted.</summary>
public sealed class LabelOnly : OutputDefense
{
    public override string Name => "label-only";

    protected override Tensor ReleasedProbabilities(Tensor logits) =>
        nn.functional.one_hot(logits.argmax(1), logits.shape[1]).to(float64);
}
