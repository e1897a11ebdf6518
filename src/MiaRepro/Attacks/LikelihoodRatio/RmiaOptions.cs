namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one RMIA run (<see cref="Rmia"/>).
/// </summary>
/// <param name="ReferenceModels">k reference models per example; null: as many as <paramref name="Balance"/> says. Online:
/// the first k/2 of the other models that trained on the example and the first k/2 that did not (k even). Offline: the
/// first k of the other models that did not train on it.</param>
/// <param name="OfflineA">The offline approximation's a: Pr(x) ≈ ½((1 + a)·Pr_OUT(x) + (1 − a)), from assuming
/// Pr_IN(x) ≈ a·Pr_OUT(x) + (1 − a). The paper tunes a per dataset on reference models (<see cref="RmiaOfflineA"/>
/// does so, beside this); 0.3 is a mid value, not a tuned one, so the attack's name carries it.</param>
/// <param name="Gamma">γ &gt; 0: x beats population example z when Pr(x|θ)/Pr(x) ÷ Pr(z|θ)/Pr(z) &gt; γ. With γ = 1 the
/// score is a monotone function of x's own ratio.</param>
/// <param name="Balance">Without k: the same count a side for every example (the default), or every other model.</param>
public sealed record RmiaOptions(int? ReferenceModels = null, double OfflineA = 0.3, double Gamma = 1, ReferenceBalance Balance = ReferenceBalance.Balanced)
{
    public double OfflineA { get; init; } = OfflineA is >= 0 and <= 1
        ? OfflineA
        : throw new ArgumentOutOfRangeException(nameof(OfflineA), OfflineA, "RMIA's offline a is in [0, 1] (a = 1: Pr(x) = Pr_OUT(x)).");

    public double Gamma { get; init; } = Gamma > 0 && double.IsFinite(Gamma)
        ? Gamma
        : throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "RMIA's γ is a positive ratio threshold (the paper's default is 1).");
}
