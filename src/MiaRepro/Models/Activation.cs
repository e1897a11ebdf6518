using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>Hidden-unit non-linearities an experiment may name.</summary>
public enum Activation { Tanh, Relu, Sigmoid }

internal static class ActivationExtensions
{
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.Tanh => x.tanh(),
        Activation.Relu => nn.functional.relu(x),
        Activation.Sigmoid => x.sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
