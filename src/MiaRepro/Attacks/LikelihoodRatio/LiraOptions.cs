namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one LiRA run (<see cref="Lira"/>).
/// </summary>
/// <param name="Variance">Per-example or global σ (<see cref="LiraVariance"/>).</param>
/// <param name="ReferenceModels">k reference models per example (the paper's "number of shadow models" axis): online
/// the first k/2 of the other models that trained on the example and the first k/2 that did not (k even), as the
/// paper's online attack has half of its shadow models IN; offline the first k that did not. Per example, not a global
/// prefix of the models: with random halves a prefix of k models leaves some example with no IN model at small k.
/// null: as many as <paramref name="Balance"/> says (<see cref="ReferenceSides"/>).</param>
/// <param name="Balance">Without k: the same count a side for every example (the default), or every other model.</param>
public sealed record LiraOptions(LiraVariance Variance = LiraVariance.PerExample, int? ReferenceModels = null, ReferenceBalance Balance = ReferenceBalance.Balanced)
{
    /// <summary>Short name for tables: "per-example" or "global".</summary>
    public string VarianceName => Variance == LiraVariance.PerExample ? "per-example" : "global";
}
