using MiaRepro.Metrics;

namespace MiaRepro.Attacks;

/// <summary>
/// A decision attack applied to the target's evaluation set.
/// <see cref="Scores"/> is the raw score (ROC, AUC and the rest go through <see cref="MembershipReport.From"/>);
/// <see cref="Decisions"/> are the member/non-member calls at the attack's own rule, fixed before seeing this set
/// (a threshold calibrated on reference data, or CCR's 0.5), so they are an honest estimate;
/// <see cref="OptimisticBest"/> is the best single threshold chosen on this same set, biased upwards, and reported
/// only labelled as such.
/// </summary>
/// <param name="Scores">Per example, higher = member, with the target's true membership.</param>
/// <param name="TrueClasses">The true class of each example.</param>
/// <param name="CalledMember">The attack's call per example.</param>
/// <param name="Decisions">Counts and rates of <paramref name="CalledMember"/>. Its Threshold is the one threshold
/// used, or NaN when per-class thresholds decided (see <see cref="ThresholdAttack.ClassThresholds"/>).</param>
/// <param name="OptimisticBest">Best balanced accuracy over thresholds on this set (<see cref="ThresholdMetrics.AtOptimisticBestThreshold(MembershipScores)"/>).</param>
public sealed record AttackOutcome(MembershipScores Scores, int[] TrueClasses, bool[] CalledMember, ThresholdMetrics Decisions, ThresholdMetrics OptimisticBest)
{
    public ClassLabelledScores ByClass => new(Scores, TrueClasses);

    internal static AttackOutcome From(double[] scores, int[] classes, IReadOnlyList<bool> isMember, bool[] called, double threshold)
    {
        var membership = new MembershipScores(scores, isMember.ToArray());
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < called.Length; i++)
        {
            if (isMember[i]) { if (called[i]) tp++; else fn++; }
            else if (called[i]) fp++;
            else tn++;
        }
        // The optimistic search also checks that the evaluation set has both members and non-members.
        var optimistic = ThresholdMetrics.AtOptimisticBestThreshold(membership);
        return new(membership, classes, called, new ThresholdMetrics(threshold, new ConfusionCounts(tp, fp, tn, fn)), optimistic);
    }
}
