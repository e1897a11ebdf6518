using MiaRepro.Models;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// A small MLP attack model. Irolla's code: MIA_model = dense(2·inputs) → batch-norm → tanh → dense 2 (hidden empty =
/// that default), or do_experiments.py's dense 25 → sigmoid → dense 2; Adam lr 1e-3, batch 32, 10 epochs, classes
/// balanced by sampling with replacement (their BalancedSampler).
/// </summary>
public sealed class MlpAttackSpec
{
    /// <summary>Hidden widths; empty = one layer of 2 × inputs.</summary>
    public int[] Hidden { get; set; } = [];
    public string Activation { get; set; } = "tanh";
    public const string ActivationKey = "shadowAttack:mlp:activation";
    public bool BatchNorm { get; set; } = true;
    public int Epochs { get; set; } = 10;
    public int BatchSize { get; set; } = 32;
    public double LearningRate { get; set; } = 1e-3;
    /// <summary>Draw each epoch's rows with replacement, weighted 1 / label count, so both labels are seen equally.</summary>
    public bool Balanced { get; set; } = true;

    public void Validate()
    {
        if (Hidden.Any(h => h < 1)) throw new ArgumentException($"shadowAttack:mlp:hidden sizes must be ≥ 1, not [{string.Join(", ", Hidden)}].");
        ActivationExtensions.Parse(Activation, ActivationKey);
        if (Epochs < 1) throw new ArgumentException($"shadowAttack:mlp:epochs must be ≥ 1, not {Epochs}.");
        if (BatchSize < 2) throw new ArgumentException($"shadowAttack:mlp:batchSize must be ≥ 2 (batch-norm needs two rows), not {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"shadowAttack:mlp:learningRate must be > 0, not {LearningRate}.");
    }
}
