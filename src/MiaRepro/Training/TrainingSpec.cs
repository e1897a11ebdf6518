using System.Text.Json.Serialization;
using MiaRepro.Training.DpSgd;

namespace MiaRepro.Training;

/// <summary>How a model is trained. <see cref="LrDecay"/> is Keras' inverse-time decay: lr / (1 + decay · step).
/// <see cref="TrainAccuracy"/>: "eval-pass" (a separate pass over the members in eval mode after each epoch) or
/// "running" (correct predictions accumulated over the epoch's batches in train mode, as the authors' notebook did).</summary>
public sealed class TrainingSpec
{
    public string Optimizer { get; set; } = "adam";
    public double LearningRate { get; set; } = 1e-3;
    public double LrDecay { get; set; }
    public double Momentum { get; set; }
    public int BatchSize { get; set; } = 128;
    public int Epochs { get; set; } = 10;
    public bool Shuffle { get; set; } = true;
    public L2Regularization L2 { get; set; } = new();
    public string TrainAccuracy { get; set; } = "eval-pass";
    public Preprocessing Preprocessing { get; set; } = new();
    /// <summary>Training-time augmentation: null (none) or "mirror" (each image flipped left-right with probability ½ per
    /// batch, drawn from the model's own generator, as LiRA's models are trained). Unset stays out of job keys.</summary>
    public string? Augment { get; set; }
    /// <summary>DP-SGD (<see cref="DpSgdSpec"/>); null (the default) trains without it and stays out of job keys and
    /// of the run records' JSON, so both are byte-identical to those written before DP-SGD existed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DpSgdSpec? Dp { get; set; }

    /// <summary>A shallow copy, for a run that changes one setting (λ of a sweep, a shadow's epochs).</summary>
    public TrainingSpec Clone() => (TrainingSpec)MemberwiseClone();

    public void Validate()
    {
        if (Optimizer is not ("adam" or "sgd")) throw new ArgumentException($"training:optimizer '{Optimizer}' is unknown: use \"adam\" or \"sgd\".");
        if (!(LearningRate > 0)) throw new ArgumentException($"training:learningRate must be > 0, not {LearningRate}.");
        if (LrDecay < 0) throw new ArgumentException($"training:lrDecay must be ≥ 0, not {LrDecay}.");
        if (BatchSize < 1) throw new ArgumentException($"training:batchSize must be ≥ 1, not {BatchSize}.");
        if (Epochs < 1) throw new ArgumentException($"training:epochs must be ≥ 1, not {Epochs}.");
        if (TrainAccuracy is not ("eval-pass" or "running"))
            throw new ArgumentException($"training:trainAccuracy '{TrainAccuracy}' is unknown: use \"eval-pass\" or \"running\".");
        if (Augment is not (null or "mirror"))
            throw new ArgumentException($"training:augment '{Augment}' is unknown: leave it unset or use \"mirror\".");
        L2.Validate();
        Dp?.Validate();
    }
}
