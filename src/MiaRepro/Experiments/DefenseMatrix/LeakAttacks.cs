using MiaRepro.Attacks;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// The matrix's attacks on one leak sample, each as (decisions on the held-out sample as 0/1 scores, a ranking of the
/// same examples for the ROC). kde: Bîndilă et al.'s rule (known/(known+private) &gt; 0.5), ranked by log density ratio;
/// loss-threshold: Yeom et al.'s rule, −loss ≥ t with t the best-accuracy threshold on the attacker's own known members
/// and private non-members (never on the held-out sample), ranked by −loss; ccr: member iff the released output's top
/// class is the true label (Irolla), ranked by the same 0/1.
/// Losses are oriented so that lower = member (cross-entropy); for a loss where higher = member the threshold rule
/// and ranking flip with it (the KDE is orientation-free).
/// </summary>
public static class LeakAttacks
{
    public static (MembershipScores Decisions, MembershipScores Ranking) Run(string attack, LeakSample sample, bool lowerIsMember,
        IReadOnlyList<bool> memberCorrect, IReadOnlyList<bool> nonMemberCorrect)
    {
        switch (attack)
        {
            case "kde":
            {
                // Held-out only: the matrix never reads the in-sample evaluation that KdeGreyBoxAttack.Run also computes.
                var (scores, ranking) = new KdeGreyBoxAttack(sample.KnownMembers, sample.Private).EvaluateAndRank(sample.HeldOutMembers, sample.HeldOutNonMembers);
                return (Binary(scores, s => s > KdeGreyBoxAttack.Threshold), ranking);
            }
            case "loss-threshold":
            {
                double Orient(double loss) => lowerIsMember ? -loss : loss;
                var reference = Scores(sample.KnownMembers.Select(Orient), sample.Private.Select(Orient));
                var threshold = ThresholdMetrics.AtOptimisticBestThreshold(reference).Threshold;
                var ranking = Scores(sample.HeldOutMembers.Select(Orient), sample.HeldOutNonMembers.Select(Orient));
                return (Binary(ranking, s => s >= threshold), ranking);
            }
            case "ccr":
            {
                var correct = Scores(sample.HeldOutMemberIndices.Select(i => memberCorrect[i] ? 1.0 : 0.0),
                    sample.HeldOutNonMemberIndices.Select(i => nonMemberCorrect[i] ? 1.0 : 0.0));
                return (correct, correct);
            }
            default:
                throw new ArgumentException($"Attack '{attack}' is unknown: use {string.Join(", ", DefenseMatrixSpec.AttackNames)}.");
        }
    }

    static MembershipScores Scores(IEnumerable<double> members, IEnumerable<double> nonMembers)
    {
        var m = members.ToArray();
        var n = nonMembers.ToArray();
        return new MembershipScores([.. m, .. n], [.. m.Select(_ => true), .. n.Select(_ => false)]);
    }

    static MembershipScores Binary(MembershipScores s, Func<double, bool> member) =>
        new(s.Scores.Select(x => member(x) ? 1.0 : 0.0).ToArray(), s.IsMember);
}
