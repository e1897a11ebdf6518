using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>One attack's leave-one-model-out scores under the name tables and plots show.</summary>
public sealed record AttackScores(string Attack, MembershipScores Scores);
