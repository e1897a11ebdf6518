namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one RMIA run (<see cref="Rmia"/>).
/// </summary>
/// <param name="ReferenceModels">k reference models (the paper's 1, 2, 4, …); null: all. Online: the first k of the other
/// models. Offline: per example, the first k of the other models that did not train on it.</param>
/// <param name="OfflineA">The offline approximation's a: Pr(x) ≈ ½((1 + a)·Pr_OUT(x) + (1 − a)), from assuming
/// Pr_IN(x) ≈ a·Pr_OUT(x) + (1 − a). The paper tunes a per dataset on reference models (<see cref="RmiaOfflineA"/>
/// does so, beside this); 0.3 is a mid value, not a tuned one, so the attack's name carries it.</param>
/// <param name="Gamma">γ γ ≥ … : x beatsgt; 0: x beats population example z when Pr(x|θ)/Pr(x) ÷ Pr(z|θ)/Pr(z) &gt; γ. The paper's
/// default 1; with γ = 1 the score is a monotone function of x's own ratio.</param>
public sealed record RmiaOptions(int? ReferenceModels = null, double OfflineA = 0.3, double Gamma = 1)
{
    public double OfflineA { get; init; } = OfflineA is >= 0 and <= 1
        ? OfflineA
        : throw new ArgumentOutOfRangeException(nameof(OfflineA), OfflineA, "RMIA's offline a is in [0, 1] (a = 1: Pr(x) = Pr_OUT(x)).");

    public double Gamma { get; init; } = Gamma > 0 && double.IsFinite(Gamma)
        ? Gamma
        : throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "RMIA's γ is a positive ratio threshold (the paper's default is 1).");
}
