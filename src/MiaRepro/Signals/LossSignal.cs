namespace MiaRepro.Signals;

/// <summary>
/// The per-example loss a grey-box attack reads from the target's logits. Experiments name them in JSON as
/// "probability", "cross-entropy" and "logit-scaled" (<see cref="LossSignalNames"/>). Bîndilă et al.'s code calls the
/// last one "normalized probability".
/// </summary>
public enum LossSignal
{
    /// <summary>Softmax probability of the true class, p = softmax(z)_y (higher for members).</summary>
    Probability,

    /// <summary>−log p = −log_softmax(z)_y (lower for members).</summary>
    CrossEntropy,

    /// <summary>φ(p) = log(p / (1 − p)), the logit of p, computed from the logits (higher for members).</summary>
    LogitScaled,
}
