using MiaRepro.Signals;
using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>Turns logits [N, C] and labels [N] into attack-model inputs, one float64 row per example (<see cref="AttackFeatureSpec"/>).</summary>
public static class AttackFeatures
{
    public static double[][] Compute(AttackFeatureSpec spec, Tensor logits, Tensor labels)
    {
        spec.Validate();
        using var scope = NewDisposeScope();
        var (z, y) = LogitsAndLabels.Prepare(logits, labels);
        var classes = z.shape[1];
        if (spec.Kind == "top-k" && spec.TopK > classes)
            throw new ArgumentException($"shadowAttack:features:topK is {spec.TopK}, but the model has only {classes} outputs. Use topK ≤ {classes}.");
        var logP = z.log_softmax(1);
        var features = spec.Kind switch
        {
            "log-softmax" => logP,
            "posterior" => logP.exp(),
            "sorted" => logP.exp().sort(1, descending: true).Values,
            "top-k" => logP.exp().sort(1, descending: true).Values.narrow(1, 0, spec.TopK),
            "true-class" => logP.exp().gather(1, y.unsqueeze(1)),
            _ => throw new ArgumentException($"Unknown feature kind '{spec.Kind}'."),
        };
        var width = (int)features.shape[1];
        var flat = features.contiguous().data<double>().ToArray();
        return Enumerable.Range(0, (int)features.shape[0]).Select(i => flat.AsSpan(i * width, width).ToArray()).ToArray();
    }
}
