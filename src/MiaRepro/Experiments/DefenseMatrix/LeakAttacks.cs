using MiaRepro.Attacks;
using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// The matrix's attacks on one leak sample, each as (decisions on the held-out sample as 0/1 scores, a ranking of the
/// same examples for the ROC). kde: Bîndilă et al.'s rule (known/(known+private) &gt; 0.5), ranked by log density ratio;
/// loss-threshold: Yeom et al.'s rule, the <see cref="ThresholdAttack"/> calibrated on the attacker's own known members
/// and private non-members (never on the held-out sample), ranked by the membership score; ccr: member iff the released
/// output's top class is the true label (Irolla), ranked by the same 0/1.
/// The sample holds raw signal values (a loss: lower = member); the threshold attack orients them with the signal
/// (<see cref="Signal.MembershipScore"/>), the KDE is orientation-free.
/// </summary>
public static class LeakAttacks
{
    public static (MembershipScores Decisions, MembershipScores Ranking) Run(string attack, LeakSample sample, Signal signal,
        IReadOnlyList<bool> memberCorrect, IReadOnlyList<bool> nonMemberCorrect)
    {
        if (attack == KdeGreyBoxAttack.Name)
        {
            // Held-out only: the matrix never reads the in-sample evaluation that KdeGreyBoxAttack.Run also computes.
            var (scores, ranking) = new KdeGreyBoxAttack(sample.KnownMembers, sample.Private).EvaluateAndRank(sample.HeldOutMembers, sample.HeldOutNonMembers);
            return (Binary(scores, s => s > KdeGreyBoxAttack.Threshold), ranking);
        }
        if (attack == DefenseMatrixSpec.LossThreshold)
        {
            var calibrated = ThresholdAttack.Calibrate(ReferenceScores.FromKnownValues(signal, sample.KnownMembers, sample.Private));
            var ranking = Scores(sample.HeldOutMembers.Select(signal.MembershipScore), sample.HeldOutNonMembers.Select(signal.MembershipScore));
            return (Binary(ranking, s => calibrated.CallsMember(s)), ranking);
        }
        if (attack == CorrectClassificationRule.Name)
        {
            var correct = Scores(sample.HeldOutMemberIndices.Select(i => memberCorrect[i] ? 1.0 : 0.0),
                sample.HeldOutNonMemberIndices.Select(i => nonMemberCorrect[i] ? 1.0 : 0.0));
            return (correct, correct);
        }
        throw new ArgumentException($"Attack '{attack}' is unknown: use {string.Join(", ", DefenseMatrixSpec.AttackNames)}.");
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
