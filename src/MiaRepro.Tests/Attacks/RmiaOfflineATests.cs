using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>RMIA offline's a fitted on a reference model treated as the target (Zarifzadeh et al. 2024), by hand.</summary>
[TestFixture]
public sealed class RmiaOfflineATests
{
    /// <summary>
    /// 4 models × 4 examples, one query, label 0, logits [logit p, 0] so p_y = p. Models 0 and 1 trained on examples 0
    /// and 1; models 2 and 3 on none (OUT references for everything, p_OUT = p of models 2 and 3).
    /// Target 0: its references are 1, 2, 3; model 1 plays the target, with Pr_OUT from models 2 and 3.
    /// Model 1's p: 0.95 (easy member), 0.3 (hard member), 0.9 (easy non-member), 0.1 (hard non-member); p_OUT: 0.9, 0.1,
    /// 0.9, 0.1. Ratio p / ½((1 + a)·p_OUT + 1 − a): the hard member (0.6 / (1.1 − 0.9a)) passes the easy non-member
    /// (1.8 / (1.9 − 0.1a)) only when 1.56a &gt; 0.84, a &gt; 0.538; every other member–non-member pair is in order at
    /// every a. So AUC is 0.75 below a = 0.538 and 1 above: on the grid the first a with AUC 1 is 0.55.
    /// </summary>
    static ScoreSet Hand()
    {
        bool[,] keep = { { true, true, false, false }, { true, true, false, false }, { false, false, false, false }, { false, false, false, false } };
        double[,] p = { { 0.95, 0.3, 0.9, 0.1 }, { 0.95, 0.3, 0.9, 0.1 }, { 0.9, 0.1, 0.9, 0.1 }, { 0.9, 0.1, 0.9, 0.1 } };
        var phi = new double[4, 4, 1];
        for (var m = 0; m < 4; m++)
            for (var n = 0; n < 4; n++) phi[m, n, 0] = Math.Log(p[m, n] / (1 - p[m, n]));
        return ScoreSets.FromPhi(keep, phi);
    }

    static double[] LogPr(ScoreSet set) => Rmia.PerModel(QueryValues.TrueClassLogProbability(set));

    [Test]
    public void Fit_HandSet_FirstGridValueWithThePseudoTargetsBestAuc()
    {
        var set = Hand();
        Assert.That(RmiaOfflineA.Fit(set, LogPr(set), 0, [1, 2, 3], null, 1), Is.EqualTo(0.55));
    }

    [Test]
    public void Fit_HandSet_AucOnThePseudoTargetIsThreeQuartersBelowTheCrossingAndOneAbove()
    {
        var set = Hand();
        double Auc(double a) => RocCurve.From(new MembershipScores(
            Rmia.Scores(Rmia.OfflineLogRatios(set, QueryValues.TrueClassLogProbability(set), 1, [2, 3], null, a, ReferenceBalance.AllOthers), 1), [true, true, false, false])).Auc;
        Assert.That((Auc(0), Auc(0.3), Auc(0.5), Auc(0.55), Auc(1)), Is.EqualTo((0.75, 0.75, 0.75, 1.0, 1.0)));
    }

    [Test]
    public void Fit_PseudoTargetIsTheFirstReferenceWithMembersAndNonMembers()
    {
        // Target 2: references 0, 1, 3; model 0 plays the target (the same p as model 1), Pr_OUT from models 1 and 3, of
        // which only model 3 is OUT for examples 0 and 1: the same ratios as above, so the same a.
        var set = Hand();
        Assert.That(RmiaOfflineA.Fit(set, LogPr(set), 2, [0, 1, 3], null, 1), Is.EqualTo(0.55));
    }

    [Test]
    public void Fit_NoReferenceWithMembersAndNonMembers_ThrowsNamingTheTarget()
    {
        var set = Hand();
        Assert.That(() => RmiaOfflineA.Fit(set, LogPr(set), 0, [2, 3], null, 1),
            Throws.ArgumentException.With.Message.Contains("target model 0").And.Message.Contains("trained on some examples and not on others"));
    }

    [Test]
    public void Offline_SeparableSet_OneFittedAPerTargetOnTheGrid_AndFindsMembers()
    {
        var set = ScoreSets.Separable(models: 8, examples: 200, gap: 4, noise: 0.3, seed: 3);
        var (scores, fitted) = RmiaOfflineA.Offline(set, QueryValues.TrueClassLogProbability(set));
        Assert.That(fitted, Has.Length.EqualTo(8));
        Assert.That(fitted, Is.All.Matches<double>(a => RmiaOfflineA.Grid.Contains(a)));
        Assert.That(RocCurve.From(scores).Auc, Is.GreaterThanOrEqualTo(RocCurve.From(Rmia.Offline(set, new RmiaOptions(OfflineA: 0))).Auc - 0.02));
    }
}
