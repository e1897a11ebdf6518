namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one LiRA run (<see cref="Lira"/>).
/// </summary>
/// <param name="Variance">Per-example or global σ (<see cref="LiraVariance"/>).</param>
/// <param name="ReferenceModels">k reference models per example (the paper's "number of shadow models" axis): online
/// the first ⌈k/2⌉ of the other models that trained on the example and the first ⌊k/2⌋ that did not, as the paper's
/// online attack has half of its shadow models IN; offline the first k that did not. Per example, not a global prefix of
/// the models: with random halves a prefix of k models leaves some example with no IN model at small k. null: all M − 1.</param>
public sealed record LiraOptions(LiraVariance Variance = LiraVariance.PerExample, int? ReferenceModels = null)
{
    /// <summary>Short name for tables: "per-example" or "global".</summary>
    public string VarianceName => Variance == LiraVariance.PerExample ? "per-example" : "global";
}
