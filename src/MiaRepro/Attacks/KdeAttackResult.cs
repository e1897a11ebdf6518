namespace MiaRepro.Attacks;

/// <summary>
/// One run of <see cref="KdeGreyBoxAttack"/>: scores on the points the KDEs were fitted on (in-sample) and on the
/// disjoint held-out sample, with the two bandwidths used.
/// </summary>
public sealed record KdeAttackResult(MembershipScores InSample, MembershipScores HeldOut, double KnownBandwidth, double PrivateBandwidth);
