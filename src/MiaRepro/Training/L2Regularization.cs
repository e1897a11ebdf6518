namespace MiaRepro.Training;

/// <summary>
/// L2 with strength <see cref="Lambda"/>, in one of two meanings:
/// <c>penalty</c>: λ·Σ‖W‖² over weight matrices and kernels (not biases) added to the loss — Keras' kernel_regularizer,
/// Bîndilă et al.'s Eq. 2; <c>weight-decay</c>: the optimizer's weight_decay=λ (PyTorch's coupled L2 on every
/// parameter, biases included) — the authors' code.
/// </summary>
public sealed class L2Regularization
{
    public double Lambda { get; set; }
    public string Mode { get; set; } = "penalty";

    public bool IsPenalty => Lambda > 0 && Mode == "penalty";
    public double WeightDecay => Lambda > 0 && Mode == "weight-decay" ? Lambda : 0;

    public void Validate()
    {
        if (Lambda < 0 || double.IsNaN(Lambda)) throw new ArgumentException($"training:l2:lambda must be ≥ 0, not {Lambda}.");
        if (Mode is not ("penalty" or "weight-decay"))
            throw new ArgumentException($"training:l2:mode '{Mode}' is unknown: use \"penalty\" (λ·Σ‖W‖² in the loss) or \"weight-decay\" (optimizer).");
    }

    public override string ToString() => Lambda == 0 ? "none" : $"{Mode} λ={Lambda:G}";
}
