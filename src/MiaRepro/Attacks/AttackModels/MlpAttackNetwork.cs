using MiaRepro.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>The attack MLP: inputs → hidden layers (optional batch-norm, then the activation) → 2 logits (non-member, member).</summary>
sealed class MlpAttackNetwork : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Linear> layers = new();
    readonly ModuleList<BatchNorm1d> norms = new();
    readonly Activation activation;

    public MlpAttackNetwork(int inputs, IReadOnlyList<int> hidden, Activation activation, bool batchNorm) : base(nameof(MlpAttackNetwork))
    {
        this.activation = activation;
        var width = inputs;
        foreach (var h in hidden)
        {
            layers.Add(nn.Linear(width, h));
            if (batchNorm) norms.Add(nn.BatchNorm1d(h));
            width = h;
        }
        layers.Add(nn.Linear(width, 2));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < layers.Count - 1; i++)
        {
            x = layers[i].call(x);
            if (norms.Count > 0) x = norms[i].call(x);
            x = activation.Apply(x);
        }
        return layers[^1].call(x).MoveToOuterDisposeScope();
    }
}
