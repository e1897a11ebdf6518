namespace MiaRepro.Metrics;

/// <summary>
/// The one contract every attack meets: a membership score per evaluation example (higher = more likely a member) and
/// whether that example really was a member of the target's training set (from the target's split manifest, never from
/// shadow data). ROC, AUC, TPR at fixed FPR and every other metric are computed from this in one place.
/// </summary>
public sealed record MembershipScores
{
    public double[] Scores { get; }
    public bool[] IsMember { get; }

    public MembershipScores(double[] scores, bool[] isMember)
    {
        if (scores.Length != isMember.Length)
            throw new ArgumentException($"{scores.Length} scores for {isMember.Length} membership labels: one score per evaluation example.");
        if (scores.Length == 0)
            throw new ArgumentException("The evaluation set is empty: an attack needs members and non-members to score.");
        var bad = Array.FindIndex(scores, s => !double.IsFinite(s));
        if (bad >= 0)
            throw new ArgumentException($"Score {bad} is {scores[bad]}: attacks must return finite scores (check the signal for log(0) or 0/0).");
        Scores = scores;
        IsMember = isMember;
    }

    public int Members => IsMember.Count(m => m);
    public int NonMembers => IsMember.Length - Members;
}
