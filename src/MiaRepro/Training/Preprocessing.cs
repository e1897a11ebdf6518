using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Input scaling, applied once to a whole part as float32:
/// <c>per-image-standardization</c> (TensorFlow's: each image to zero mean and unit std over all its pixels, std floored at 1/√pixels),
/// <c>per-channel</c> (pixels/255, then (x − mean[c]) / std[c], torchvision's Normalize),
/// <c>scale01</c> (pixels/255), <c>none</c> (already float features, e.g. Adult).
/// </summary>
public sealed class Preprocessing
{
    public string Kind { get; set; } = "per-image-standardization";
    public double[]? Mean { get; set; }
    public double[]? Std { get; set; }

    public Tensor Apply(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features.to(float32);
        Tensor result = Kind switch
        {
            "none" => x,
            "scale01" => x / 255f,
            "per-channel" => PerChannel(x / 255f),
            "per-image-standardization" => PerImage(x),
            _ => throw new ArgumentException($"preprocessing:kind '{Kind}' is unknown: use per-image-standardization, per-channel, scale01 or none."),
        };
        return result.MoveToOuterDisposeScope();
    }

    Tensor PerChannel(Tensor x)
    {
        var channels = x.shape[1];
        if (Mean is null || Std is null || Mean.Length != channels || Std.Length != channels)
            throw new ArgumentException($"preprocessing:mean and preprocessing:std need {channels} values each for per-channel normalization.");
        if (Std.Any(s => s <= 0)) throw new ArgumentException("preprocessing:std values must be positive.");
        var mean = tensor(Mean.Select(v => (float)v).ToArray()).view(1, channels, 1, 1);
        var std = tensor(Std.Select(v => (float)v).ToArray()).view(1, channels, 1, 1);
        return (x - mean) / std;
    }

    static Tensor PerImage(Tensor x)
    {
        var flat = x.flatten(1);
        var mean = flat.mean([1], keepdim: true);
        var floor = 1.0 / Math.Sqrt(flat.shape[1]);
        using var floorScalar = floor.ToScalar();
        var std = flat.std(1, unbiased: false, keepdim: true).clamp_min(floorScalar);
        return ((flat - mean) / std).view(x.shape);
    }

    public override string ToString() => Kind == "per-channel" ? $"per-channel(mean {string.Join('/', Mean ?? [])}, std {string.Join('/', Std ?? [])})" : Kind;
}
