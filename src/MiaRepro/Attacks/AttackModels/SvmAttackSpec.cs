namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// RBF-kernel SVM attack model with k-fold cross-validation over C × γ (Preeti &amp; Khan: 5-fold, C ∈ {0.1, 1, 10},
/// γ ∈ {0.001, 0.01, 0.1}). <see cref="MaxTrainPerLabel"/> caps each label's rows (a seeded subsample) because kernel SMO
/// grows quadratically; 0 = no cap. A cap is a scale-down and is recorded with the results.
/// </summary>
public sealed class SvmAttackSpec
{
    public double[] C { get; set; } = [];
    public double[] Gamma { get; set; } = [];
    public int Folds { get; set; } = 5;
    public int MaxTrainPerLabel { get; set; }

    public double[] Cs => C.Length > 0 ? C : [.. SvmGrid.Default.C];
    public double[] Gammas => Gamma.Length > 0 ? Gamma : [.. SvmGrid.Default.Gamma];

    public void Validate()
    {
        _ = new SvmGrid(Cs, Gammas);   // names the key and the bad value
        if (Folds < 2) throw new ArgumentException($"shadowAttack:svm:folds must be ≥ 2, not {Folds}.");
        if (MaxTrainPerLabel < 0) throw new ArgumentException($"shadowAttack:svm:maxTrainPerLabel must be ≥ 0 (0 = no cap), not {MaxTrainPerLabel}.");
    }
}
