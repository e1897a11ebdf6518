using MiaRepro.Metrics;
using MiaRepro.Density;

namespace MiaRepro.Attacks;

/// <summary>
/// Bîndilă et al.'s grey-box data-leak attack: a Gaussian KDE of the known members' losses and one of the private
/// non-members' losses; an example with loss x scores s(x) = f_known(x) / (f_known(x) + f_private(x)) and is called a
/// member iff s(x) &gt; 0.5 (<see cref="Threshold"/>; a tie is a non-member, as in the authors' code).
/// </summary>
/// <remarks>
/// The score is computed from the log densities as s = σ(log f_known − log f_private), the logistic function of the log
/// density ratio — algebraically the same ratio, but it never divides 0 by 0. Far from both samples (a few tens of
/// bandwidths) both linear densities underflow to 0; scipy, and so the authors' code, then gets NaN, and NaN &gt; 0.5
/// is false, i.e. such an example is called a non-member whatever its loss. Here the log densities stay finite, so
/// the score is the true ratio's value there: it goes to whichever KDE's tail is heavier at x (in practice 0 or 1),
/// and it is always a finite number in [0, 1]. Scores saturate to exactly 0 or 1 once |log ratio| exceeds ≈ 37 or 745;
/// rank by <see cref="LogDensityRatio"/> where ties among those matter.
/// The direction of the loss does not matter (probability and logit-scaled are higher for members, cross-entropy
/// lower): the two densities carry it.
/// </remarks>
public sealed class KdeGreyBoxAttack
{
    /// <summary>The attack's name in experiment files and tables (its loss, leak and evaluation are facets).</summary>
    public const string Name = "kde";

    public const double Threshold = 0.5;

    public GaussianKde Known { get; }
    public GaussianKde Private { get; }

    /// <param name="knownMemberLosses">Losses of the leaked members (≥ 2, finite, not all equal).</param>
    /// <param name="privateLosses">Losses of the attacker's own non-members (≥ 2, finite, not all equal).</param>
    /// <param name="rule">Bandwidth rule of both KDEs; Scott is scipy's default and the authors'.</param>
    public KdeGreyBoxAttack(IEnumerable<double> knownMemberLosses, IEnumerable<double> privateLosses, BandwidthRule rule = BandwidthRule.Scott)
    {
        Known = new GaussianKde(knownMemberLosses, rule, "known-member losses");
        Private = new GaussianKde(privateLosses, rule, "private (non-member) losses");
    }

    /// <summary>log f_known(x) − log f_private(x); positive = member.</summary>
    public double LogDensityRatio(double loss) => Known.LogDensity(loss) - Private.LogDensity(loss);

    /// <summary>s(x) = f_known / (f_known + f_private) ∈ [0, 1], from the log densities (see remarks).</summary>
    public double Score(double loss) => Logistic(LogDensityRatio(loss));

    public bool IsMember(double loss) => Score(loss) > Threshold;

    /// <summary>Scores for members then non-members, with their true membership.</summary>
    public MembershipScores Evaluate(IReadOnlyList<double> memberLosses, IReadOnlyList<double> nonMemberLosses) =>
        EvaluateAndRank(memberLosses, nonMemberLosses).Scores;

    /// <summary>
    /// <see cref="Score"/>s, and the same examples ranked by <see cref="LogDensityRatio"/>: the ROC's input, since the
    /// ratio never saturates into ties the way the score does far from both samples (ratio &gt; 0 ⇔ score &gt; 0.5).
    /// One density evaluation per example serves both.
    /// </summary>
    public (MembershipScores Scores, MembershipScores Ranking) EvaluateAndRank(IReadOnlyList<double> memberLosses, IReadOnlyList<double> nonMemberLosses)
    {
        var ratios = new double[memberLosses.Count + nonMemberLosses.Count];
        var isMember = new bool[ratios.Length];
        for (int i = 0; i < memberLosses.Count; i++)
        {
            ratios[i] = LogDensityRatio(Finite(memberLosses[i], "member", i));
            isMember[i] = true;
        }
        for (int i = 0; i < nonMemberLosses.Count; i++)
            ratios[memberLosses.Count + i] = LogDensityRatio(Finite(nonMemberLosses[i], "non-member", i));
        return (new MembershipScores(ratios.Select(Logistic).ToArray(), isMember), new MembershipScores(ratios, (bool[])isMember.Clone()));
    }

    /// <summary>
    /// The attack on one <see cref="LeakSample"/>: fitted on its known and private losses, evaluated in-sample (on
    /// those same losses, the authors' "training" confusion matrix) and held-out (on the disjoint held-out members and
    /// non-members, their "test" one).
    /// </summary>
    public static KdeAttackResult Run(LeakSample sample, BandwidthRule rule = BandwidthRule.Scott) =>
        new KdeGreyBoxAttack(sample.KnownMembers, sample.Private, rule).Evaluate(sample);

    /// <summary>This attack (fitted on <paramref name="sample"/>'s known and private losses) evaluated in-sample and
    /// held-out, as <see cref="Run"/>.</summary>
    public KdeAttackResult Evaluate(LeakSample sample)
    {
        var inSample = EvaluateAndRank(sample.KnownMembers, sample.Private);
        var heldOut = EvaluateAndRank(sample.HeldOutMembers, sample.HeldOutNonMembers);
        return new KdeAttackResult(inSample.Scores, heldOut.Scores, inSample.Ranking, heldOut.Ranking, Known.Bandwidth, Private.Bandwidth);
    }

    static double Logistic(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    static double Finite(double loss, string what, int index) => double.IsFinite(loss)
        ? loss
        : throw new ArgumentException($"The loss of {what} {index} is {loss}: the attack scores finite losses only (compute the signal in log space, e.g. \"cross-entropy\" via log_softmax).");
}
