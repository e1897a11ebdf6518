using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>One attack's leave-one-model-out scores under the name tables and plots show. <see cref="FittedA"/>: for RMIA
/// offline with a fitted per target (<see cref="RmiaOfflineA"/>), each target's a; null for every other attack.</summary>
public sealed record AttackScores(string Attack, MembershipScores Scores)
{
    public double[]? FittedA { get; init; }
}
