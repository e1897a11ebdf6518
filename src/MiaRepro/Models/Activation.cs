using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>Hidden-unit non-linearities an experiment may name.</summary>
public enum Activation { Tanh, Relu, Sigmoid }

internal static class ActivationExtensions
{
    /// <summary>An experiment's activation name; the error names <paramref name="key"/>.</summary>
    public static Activation Parse(string name, string key) => name switch
    {
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        _ => throw new ArgumentException($"{key} '{name}' is unknown: use tanh, relu or sigmoid."),
    };

    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.Tanh => x.tanh(),
        Activation.Relu => nn.functional.relu(x),
        Activation.Sigmoid => x.sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
