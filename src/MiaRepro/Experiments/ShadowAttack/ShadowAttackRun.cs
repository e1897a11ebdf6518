using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>An attack's scores on the evaluation set of one variant (first seed), with the examples' true classes, for plots.</summary>
public sealed record AttackScores(string Variant, string Attack, MembershipScores Scores, int[] Classes, ConfusionCounts Decisions);

/// <summary>Everything a shadow-attack run produced.</summary>
public sealed record ShadowAttackRun(IReadOnlyList<TargetRow> Targets, IReadOnlyList<ShadowAttackRow> Rows,
    IReadOnlyDictionary<string, SplitManifest> Splits, IReadOnlyList<AttackScores> Scores, IReadOnlyDictionary<string, IReadOnlyList<int>> PooledClasses)
{
    /// <summary>With shadows:withoutClasses: per variant, the first seed's shadows' predictions on the dataset's test
    /// part, summed over shadows, [true][predicted]; empty otherwise.</summary>
    public IReadOnlyDictionary<string, int[][]> UnseenClassConfusion { get; init; } = new Dictionary<string, int[][]>();
}
