using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// RMIA (Zarifzadeh et al. 2024): the pairwise score against the population by hand (γ = 1, γ &gt; 1, γ &lt; 1), Pr(x)
/// online and through the offline approximation by hand, numpy golden scores, k reference models, and bad options.
/// </summary>
[TestFixture]
public sealed class RmiaTests
{
    /// <summary>Two classes, label 0, logits [log(p/(1−p)), 0]: p_y = p (to float32 rounding of the logit).</summary>
    static ScoreSet FromProbabilities(bool[,] keep, double[,] p)
    {
        var phi = new double[p.GetLength(0), p.GetLength(1), 1];
        for (var m = 0; m < p.GetLength(0); m++)
            for (var n = 0; n < p.GetLength(1); n++) phi[m, n, 0] = Math.Log(p[m, n] / (1 - p[m, n]));
        return ScoreSets.FromPhi(keep, phi);
    }

    [Test]
    public void Scores_GammaOne_FractionOfOtherExamplesBeaten()
    {
        // log ratios 0, 1, 2: x beats z when lr_x − lr_z > log γ = 0; each compares with the 2 others.
        Assert.That(Rmia.Scores([0, 1, 2], 1), Is.EqualTo(new[] { 0, 0.5, 1 }));
        Assert.That(Rmia.Scores([1, 1, 1], 1), Is.EqualTo(new[] { 0.0, 0, 0 }), "ties are not beaten (strict >)");
    }

    [Test]
    public void Scores_GammaAboveOne_NeedsAMarginOfLogGamma()
    {
        // γ = e: lr_x − lr_z > 1. x=2 beats only lr 0 (2 − 1 = 1 is not > 1); nobody else beats anyone.
        Assert.That(Rmia.Scores([0, 1, 2], Math.E), Is.EqualTo(new[] { 0, 0, 0.5 }));
    }

    [Test]
    public void Scores_GammaBelowOne_NeverCountsTheExampleItself()
    {
        // γ = e^−0.5: lr_x − lr_z > −0.5 holds for z = x itself, which is not part of its own population.
        Assert.That(Rmia.Scores([0, 1, 2], Math.Exp(-0.5)), Is.EqualTo(new[] { 0, 0.5, 1 }));
    }

    [Test]
    public void LogRatios_HandComputed_OnlineAndOffline()
    {
        // Target model 0, references 1 and 2. Example 0: p = 0.8 under the target, 0.5 and 0.3 under the references.
        // Online: Pr(x) = (0.5 + 0.3)/2 = 0.4 → ratio 2. Example 1: p = 0.5 everywhere → ratio 1.
        // Offline (a = 0.5): example 0 trained model 1, so its only OUT reference is model 2 (p = 0.3):
        // Pr(x) = ½((1 + 0.5)·0.3 + (1 − 0.5)) = 0.475 → ratio 0.8/0.475. Example 1 trained nobody: Pr_OUT = 0.5,
        // Pr(x) = ½(1.5·0.5 + 0.5) = 0.625 → ratio 0.8.
        var keep = new bool[,] { { true, false }, { true, false }, { false, false } };
        var set = FromProbabilities(keep, new[,] { { 0.8, 0.5 }, { 0.5, 0.5 }, { 0.3, 0.5 } });
        var logP = QueryValues.TrueClassLogProbability(set);
        Approx.AssertClose(Rmia.OnlineLogRatios(set, logP, 0, [1, 2]).Select(Math.Exp).ToArray(), [2, 1], rel: 1e-6);
        Approx.AssertClose(Rmia.OfflineLogRatios(set, logP, 0, [1, 2], null, 0.5, ReferenceBalance.AllOthers).Select(Math.Exp).ToArray(), [0.8 / 0.475, 0.8], rel: 1e-6);
        // a = 1: Pr(x) = Pr_OUT(x) exactly.
        Approx.AssertClose(Rmia.OfflineLogRatios(set, logP, 0, [1, 2], null, 1, ReferenceBalance.AllOthers).Select(Math.Exp).ToArray(), [0.8 / 0.3, 1], rel: 1e-6);
    }

    [Test]
    public void Offline_FirstKOutReferencesPerExample()
    {
        // k = 1: example 0 uses its first OUT model among references 1, 2 → model 2 (model 1 trained on it).
        var keep = new bool[,] { { true, false }, { true, false }, { false, false } };
        var set = FromProbabilities(keep, new[,] { { 0.8, 0.5 }, { 0.5, 0.4 }, { 0.3, 0.2 } });
        var logP = QueryValues.TrueClassLogProbability(set);
        var ratios = Rmia.OfflineLogRatios(set, logP, 0, [1, 2], 1, 1).Select(Math.Exp).ToArray();
        Approx.AssertClose(ratios, [0.8 / 0.3, 0.5 / 0.4], rel: 1e-6);
        Assert.That(() => Rmia.OfflineLogRatios(set, logP, 0, [1, 2], 2, 1),
            Throws.ArgumentException.With.Message.Contains("example 0 has 1 IN and 1 OUT models among the 2 references of target model 0").And.Message.Contains("fewer than the 2 OUT asked for"));
    }

    static IEnumerable<TestCaseData> GoldenCases()
    {
        yield return new TestCaseData("online", 1.0).SetName("Golden_Online_MatchesNumpy");
        yield return new TestCaseData("online", 2.0).SetName("Golden_OnlineGamma2_MatchesNumpy");
        yield return new TestCaseData("offline", 1.0).SetName("Golden_OfflineA03_MatchesNumpy");
        yield return new TestCaseData("online", 1.0, ReferenceBalance.AllOthers).SetName("Golden_OnlineAllOthers_MatchesNumpy");
        yield return new TestCaseData("offline", 1.0, ReferenceBalance.AllOthers).SetName("Golden_OfflineA03AllOthers_MatchesNumpy");
    }

    [TestCaseSource(nameof(GoldenCases))]
    public void Golden_MatchesNumpy(string mode, double gamma, ReferenceBalance balance = ReferenceBalance.Balanced)
    {
        var golden = LiraGolden.Values;
        var set = golden.Set();
        var options = new RmiaOptions(OfflineA: 0.3, Gamma: gamma, Balance: balance);
        var scores = mode == "online" ? Rmia.Online(set, options) : Rmia.Offline(set, options);
        var expected = (mode, balance) switch
        {
            ("offline", ReferenceBalance.Balanced) => golden.RmiaOfflineA03,
            ("offline", _) => golden.RmiaOfflineA03AllOthers,
            (_, ReferenceBalance.AllOthers) => golden.RmiaOnlineAllOthers,
            _ => gamma == 1 ? golden.RmiaOnline : golden.RmiaOnlineGamma2,
        };
        Approx.AssertClose(scores.Scores, expected, rel: 0, abs: 1e-12, what: $"RMIA {mode} γ={gamma}");
    }

    [Test]
    public void GlobalThresholds_Golden_MatchNumpy()
    {
        var golden = LiraGolden.Values;
        var set = golden.Set();
        Approx.AssertClose(GlobalThreshold.Run(set, MiaRepro.Signals.SignalRegistry.Loss).Scores, golden.LossThreshold, rel: 1e-12, abs: 1e-12, what: "loss");
        Approx.AssertClose(GlobalThreshold.Run(set, MiaRepro.Signals.SignalRegistry.LogitScaled).Scores, golden.PhiThreshold, rel: 1e-12, abs: 1e-12, what: "φ");
    }

    [Test]
    public void Online_SeparableSet_FindsMembers_AndKReferencesWork()
    {
        var set = ScoreSets.Separable(models: 16, examples: 200, gap: 4, noise: 0.3, seed: 3);
        Assert.That(RocCurve.From(Rmia.Online(set)).Auc, Is.GreaterThan(0.95));
        foreach (var k in new[] { 2, 4, 8 })
            Assert.That(RocCurve.From(Rmia.Online(set, new RmiaOptions(ReferenceModels: k))).Auc, Is.GreaterThan(0.75), $"k = {k}");
        Assert.That(RocCurve.From(Rmia.Offline(set, new RmiaOptions(ReferenceModels: 2))).Auc, Is.GreaterThan(0.75));
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    public void Options_OfflineAOutsideUnitInterval_Throws(double a) =>
        Assert.That(() => new RmiaOptions(OfflineA: a), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("[0, 1]"));

    [TestCase(0.0)]
    [TestCase(double.NaN)]
    public void Options_GammaNotPositive_Throws(double gamma) =>
        Assert.That(() => new RmiaOptions(Gamma: gamma), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("positive"));
}
