using System.Text.Json.Serialization;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// One attack's leave-one-model-out result on one set (metrics.json's liraAttacks): <see cref="Keep"/> "true" for the
/// models' own keep mask, "shuffled" for the control; <see cref="References"/> null when every other model is a
/// reference (M − 1), else k. AUC and TPRs in %. <see cref="FittedA"/>: RMIA offline's a fitted per target (in target
/// order), left out of metrics.json for every other attack.
/// </summary>
public sealed record LiraAttackRow(int Seed, string Attack, int? References, string Keep, double Auc, IReadOnlyList<LiraTprAtFpr> TprAtFprs)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? FittedA { get; init; }
}

/// <summary>TPR (%) at a false positive rate given as a fraction (0.001 = 0.1 %).</summary>
public sealed record LiraTprAtFpr(double TargetFpr, double Tpr);
