using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>A fully connected network: inputs → hidden layers (one activation) → outputs (logits).
/// Preeti &amp; Khan's Adult model is <c>Mlp(105, [5], Sigmoid, 1)</c>: 530 + 6 parameters.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Linear> layers = new();
    readonly Activation activation;

    public Mlp(int inputs, IReadOnlyList<int> hidden, Activation activation, int outputs) : base(nameof(Mlp))
    {
        if (inputs < 1 || outputs < 1 || hidden.Any(h => h < 1))
            throw new ArgumentException($"Mlp sizes must be positive: inputs {inputs}, hidden [{string.Join(", ", hidden)}], outputs {outputs}.");
        this.activation = activation;
        var width = inputs;
        foreach (var h in hidden) { layers.Add(nn.Linear(width, h)); width = h; }
        layers.Add(nn.Linear(width, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = x.flatten(1);
        for (var i = 0; i < layers.Count - 1; i++) x = activation.Apply(layers[i].call(x));
        return layers[^1].call(x).MoveToOuterDisposeScope();
    }
}
