using MiaRepro.Defenses;
using static TorchSharp.torch;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>A score set as the models release it under an output defense (top-k, rounding, label-only): every query's
/// logits replaced by the defense's log-probabilities (<see cref="OutputDefense.Release"/>), which every attack then reads.</summary>
public static class ReleasedScoreSet
{
    public static ScoreSet Released(this ScoreSet set, OutputDefense defense, string label)
    {
        using var scope = NewDisposeScope();
        using var logits = tensor(set.Logits, [set.Logits.Length / set.Classes, set.Classes]);
        var released = defense.Release(logits).to(float32).data<float>().ToArray();
        var keep = new bool[set.Models, set.Examples];
        for (var m = 0; m < set.Models; m++) for (var n = 0; n < set.Examples; n++) keep[m, n] = set.IsIn(m, n);
        return new(keep, released, set.Augmentations, set.Classes, [.. set.Labels.Select(l => (long)l)], $"{set.Source}, released {label}") { PhiOnly = set.PhiOnly };
    }
}
