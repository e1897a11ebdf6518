
namespace MiaRepro.Metrics;

/// <summary>The guard every rate-based metric shares: TPR needs members, FPR needs non-members.</summary>
static class EvaluationSet
{
    public static void RequireBothClasses(MembershipScores scores, string metric)
    {
        var (members, nonMembers) = (scores.Members, scores.NonMembers);
        if (members == 0 || nonMembers == 0)
            throw new ArgumentException(
                $"{metric} needs both members and non-members in the evaluation set; got {members} member(s) and {nonMembers} non-member(s).",
                nameof(scores));
    }
}
