using System.Text.Json.Serialization;

namespace MiaRepro.Attacks;

/// <summary>
/// The signal a <see cref="ThresholdAttack"/> thresholds, always oriented so that higher = member
/// (<see cref="ThresholdSignals.Compute"/>). Experiments name them in JSON as "loss", "confidence", "entropy",
/// "modified-entropy" and "max-confidence" (<see cref="ThresholdSignalNames"/>).
/// </summary>
[JsonConverter(typeof(ThresholdSignalJsonConverter))]
public enum ThresholdSignal
{
    /// <summary>Yeom et al.'s loss attack: score = −cross-entropy = log p_y (members have lower loss).</summary>
    Loss,

    /// <summary>Song &amp; Mittal's confidence attack: score = p_y, the softmax probability of the true class.</summary>
    Confidence,

    /// <summary>Song &amp; Mittal's entropy attack: score = −H(p) (members get more confident predictions).</summary>
    Entropy,

    /// <summary>Song &amp; Mittal's modified-entropy attack: score = −Mentr(p, y) (label-aware; lower for members).</summary>
    ModifiedEntropy,

    /// <summary>Salem et al.'s label-free confidence: score = max_i p_i.</summary>
    MaxConfidence,
}
