using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>Which network an experiment trains. <see cref="Build"/> takes the input shape [C, H, W] or [F] and the class count.</summary>
public sealed class ModelSpec
{
    public string Type { get; set; } = "LeNet5";
    /// <summary>LeNet5 only: "average" (the paper's text) or "max" (the authors' code).</summary>
    public string Pooling { get; set; } = "average";
    /// <summary>IrollaCnn only, default true: the authors' cifar10_model.py has dropout; their do_experiments.py network does not.
    /// Left out of cache keys when unset, so models trained before it existed keep their keys.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Dropout { get; set; }
    /// <summary>Mlp only: 1 for a single sigmoid output on a two-class problem (Preeti &amp; Khan's Adult model, 530 + 6
    /// parameters); its logit z is read as the two-class logits [0, z] (<see cref="TwoClassLogits"/>). Unset: one per class.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Outputs { get; set; }
    /// <summary>Mlp only.</summary>
    public int[] Hidden { get; set; } = [];
    /// <summary>Mlp only.</summary>
    public string Activation { get; set; } = "tanh";

    /// <summary>The architectures <see cref="Build"/> knows.</summary>
    public static readonly string[] Types = ["LeNet5", "PreetiCnn", "IrollaCnn", "IrollaMnistCnn", "SmallVgg", "Mlp"];

    public nn.Module<Tensor, Tensor> Build(long[] inputShape, int classes) => Type switch
    {
        "LeNet5" => new LeNet5((int)inputShape[0], (int)inputShape[1], classes, ParsePooling()),
        "PreetiCnn" => new PreetiCnn((int)inputShape[0], (int)inputShape[1], classes),
        "IrollaCnn" => new IrollaCnn((int)inputShape[0], (int)inputShape[1], classes, Dropout ?? true),
        "IrollaMnistCnn" => new IrollaMnistCnn((int)inputShape[0], (int)inputShape[1], classes),
        "SmallVgg" => new SmallVgg((int)inputShape[0], (int)inputShape[1], classes),
        "Mlp" => new Mlp((int)inputShape.Aggregate(1L, (a, b) => a * b), Hidden, ParseActivation(), MlpOutputs(classes)),
        _ => throw new ArgumentException($"model:type '{Type}' is unknown: use {string.Join(", ", Types)}."),
    };

    int MlpOutputs(int classes) => Outputs switch
    {
        null => classes,
        1 when classes == 2 => 1,
        _ => throw new ArgumentException($"model:outputs {Outputs} is not supported for {classes} classes: leave it unset (one logit per class), or 1 for a two-class problem."),
    };

    Pooling ParsePooling() => Pooling switch
    {
        "average" => Models.Pooling.Average,
        "max" => Models.Pooling.Max,
        _ => throw new ArgumentException($"model:pooling '{Pooling}' is unknown: use \"average\" or \"max\"."),
    };

    Activation ParseActivation() => ActivationExtensions.Parse(Activation, "model:activation");

    public override string ToString() => Type switch
    {
        "LeNet5" => $"LeNet5({Pooling} pooling)",
        "Mlp" => $"Mlp([{string.Join(", ", Hidden)}], {Activation}{(Outputs == 1 ? ", 1 sigmoid output" : "")})",
        "IrollaCnn" => Dropout ?? true ? "IrollaCnn" : "IrollaCnn(no dropout)",
        _ => Type,
    };
}
