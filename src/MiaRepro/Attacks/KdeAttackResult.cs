using MiaRepro.Metrics;
namespace MiaRepro.Attacks;

/// <summary>
/// One run of <see cref="KdeGreyBoxAttack"/>: scores on the points the KDEs were fitted on (in-sample) and on the
/// disjoint held-out sample, the same examples ranked by log density ratio (for ROC curves), and the two bandwidths used.
/// </summary>
public sealed record KdeAttackResult(MembershipScores InSample, MembershipScores HeldOut,
    MembershipScores InSampleRanking, MembershipScores HeldOutRanking, double KnownBandwidth, double PrivateBandwidth);
