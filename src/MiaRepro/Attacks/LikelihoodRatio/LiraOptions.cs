namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one LiRA run (<see cref="Lira"/>).
/// </summary>
/// <param name="Variance">Per-example or global σ (<see cref="LiraVariance"/>).</param>
/// <param name="ReferenceModels">Use only the first k of the other models as references (the paper's "number of shadow
/// models" axis); null: all M − 1. See <see cref="ReferenceModels"/> for which ones.</param>
public sealed record LiraOptions(LiraVariance Variance = LiraVariance.PerExample, int? ReferenceModels = null)
{
    /// <summary>Short name for tables: "per-example" or "global".</summary>
    public string VarianceName => Variance == LiraVariance.PerExample ? "per-example" : "global";
}
