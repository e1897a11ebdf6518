using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Density;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// LiRA (Carlini et al. 2022): hand-computed online and offline scores, the global variance as the paper defines it
/// (OUT with its own σ, not plot.py's IN σ), numpy/scipy golden scores, float64 stability, perfect separation and the
/// shuffled-keep control, and φ/log Φ against their references.
/// </summary>
[TestFixture]
public sealed class LiraTests
{
    static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>
    /// 5 models, 2 examples, one query; target model 0, references 1–4, all of them used (AllOthers: the formulas, not
    /// the balancing, are under test here).
    /// Example 0: IN references (models 1, 2) φ = 3, 5 → μ_in = 4, σ_in = 1; OUT (3, 4) φ = −1, 1 → μ_out = 0, σ_out = 1.
    /// Example 1: IN φ = 10, 14 → μ_in = 12, σ_in = 2; OUT φ = 0, 0 → μ_out = 0, σ_out = 0.
    /// The target's φ is 3 on example 0 and 12 on example 1.
    /// </summary>
    static ScoreSet HandSet()
    {
        var keep = new bool[,] { { true, false }, { true, true }, { true, true }, { false, false }, { false, false } };
        var phi = new double[5, 2, 1];
        (phi[0, 0, 0], phi[1, 0, 0], phi[2, 0, 0], phi[3, 0, 0], phi[4, 0, 0]) = (3, 3, 5, -1, 1);
        (phi[0, 1, 0], phi[1, 1, 0], phi[2, 1, 0], phi[3, 1, 0], phi[4, 1, 0]) = (12, 10, 14, 0, 0);
        return ScoreSets.FromPhi(keep, phi);
    }

    static double[] HandScores(Func<ScoreSet, QueryValues, int, IReadOnlyList<int>, LiraVariance, double[]> attack, LiraVariance variance)
    {
        var set = HandSet();
        return attack(set, QueryValues.LogitScaled(set), 0, [1, 2, 3, 4], variance);
    }

    [Test]
    public void OnlineScores_HandComputed_PerExample()
    {
        var scores = HandScores((s, p, t, r, v) => Lira.OnlineScores(s, p, t, r, v, balance: ReferenceBalance.AllOthers), LiraVariance.PerExample);
        // Example 0: log N(3; 4, 1) − log N(3; 0, 1) = −½·1² + ½·3² = 4 (equal σ: the log σ and ½ log 2π terms cancel).
        Approx.AssertClose(scores[0], 4, rel: 1e-12);
        // Example 1: σ_out = 0 + 1e-30 (plot.py's epsilon), so log N(12; 0, 1e-30) = −½(12/1e-30)² − log 1e-30 − ½ log 2π.
        var expected = (-Math.Log(2) - HalfLog2Pi) - (-0.5 * 144e60 - Math.Log(1e-30) - HalfLog2Pi);
        Approx.AssertClose(scores[1], expected, rel: 1e-12);
    }

    [Test]
    public void OfflineScores_HandComputed_OneSidedAgainstOut()
    {
        var scores = HandScores((s, p, t, r, v) => Lira.OfflineScores(s, p, t, r, v, balance: ReferenceBalance.AllOthers), LiraVariance.PerExample);
        // Example 0: log Φ((3 − 0)/1) = log Φ(3) (scipy.stats.norm.logcdf(3) = −0.0013508099647481938).
        Approx.AssertClose(scores[0], -0.0013508099647481938, rel: 1e-12);
        // Example 1: z = 12/1e-30 → log Φ(z) = log 1 = 0 (Φ(−z) underflows).
        Assert.That(scores[1], Is.EqualTo(0));
    }

    [Test]
    public void OfflineScores_BelowOut_ScoresLowerThanAbove()
    {
        // One-sided: φ far below the OUT mean is not evidence of membership (plot.py's two-sided −log N would say it is).
        var keep = new bool[,] { { true, false }, { false, false }, { false, false } };
        var phi = new double[3, 2, 1];
        (phi[0, 0, 0], phi[0, 1, 0]) = (3, -3);
        (phi[1, 0, 0], phi[2, 0, 0], phi[1, 1, 0], phi[2, 1, 0]) = (-1, 1, -1, 1);
        var set = ScoreSets.FromPhi(keep, phi);
        var scores = Lira.OfflineScores(set, QueryValues.LogitScaled(set), 0, [1, 2], LiraVariance.PerExample, balance: ReferenceBalance.AllOthers);
        Assert.That(scores[0], Is.GreaterThan(scores[1]));
        Approx.AssertClose(scores[1], StandardNormal.LogCdf(-3), rel: 1e-12);
    }

    [Test]
    public void Fit_GlobalVariance_OutHasItsOwnStd_NotTheReferenceCodesInStd()
    {
        // The paper: one σ_in pooled over IN values around each example's own mean, one σ_out likewise over OUT values.
        // IN deviations: ±1 (example 0), ±2 (example 1) → σ_in = √((1+1+4+4)/4) = √2.5.
        // OUT deviations: ±1 (example 0), 0, 0 (example 1) → σ_out = √((1+1+0+0)/4) = √0.5.
        // Carlini et al.'s plot.py (fix_variance) sets std_out = np.std(dat_in), the IN std: here OUT keeps its own.
        var set = HandSet();
        var fit = ReferenceGaussians.Fit(set, QueryValues.LogitScaled(set), 0, [1, 2, 3, 4], LiraVariance.Global, needIn: true, balance: ReferenceBalance.AllOthers);
        Approx.AssertClose(fit.StdIn, [Math.Sqrt(2.5), Math.Sqrt(2.5)], rel: 1e-12);
        Approx.AssertClose(fit.StdOut, [Math.Sqrt(0.5), Math.Sqrt(0.5)], rel: 1e-12);
        Assert.That(fit.StdOut[0], Is.Not.EqualTo(fit.StdIn[0]).Within(0.5), "OUT must not borrow the IN std (plot.py's quirk)");
        Approx.AssertClose(fit.MeanIn, [4, 12], rel: 1e-12);
        Approx.AssertClose(fit.MeanOut, [0, 0], rel: 1e-12);
    }

    [Test]
    public void OnlineScores_HandComputed_GlobalVariance()
    {
        var scores = HandScores((s, p, t, r, v) => Lira.OnlineScores(s, p, t, r, v, balance: ReferenceBalance.AllOthers), LiraVariance.Global);
        // Example 0: log N(3; 4, √2.5) − log N(3; 0, √0.5) = (−½·1/2.5 − ½ ln 2.5) − (−½·9/0.5 − ½ ln 0.5) ≈ 7.99528.
        Approx.AssertClose(scores[0], -0.5 / 2.5 - 0.5 * Math.Log(2.5) + 0.5 * 9 / 0.5 + 0.5 * Math.Log(0.5), rel: 1e-12);
    }

    [Test]
    public void Online_MultipleQueries_SumsPerQueryLogLikelihoodRatios()
    {
        // Two identical queries: the diagonal-Gaussian log-likelihood ratio of the pair is twice one query's.
        var one = HandSet();
        var keep = one.Keep();
        var phi = new double[5, 2, 2];
        var single = QueryValues.LogitScaled(one);
        for (var m = 0; m < 5; m++)
            for (var n = 0; n < 2; n++) phi[m, n, 0] = phi[m, n, 1] = single[m, n, 0];
        var two = ScoreSets.FromPhi(keep, phi);
        var s1 = Lira.OnlineScores(one, single, 0, [1, 2, 3, 4], LiraVariance.PerExample, balance: ReferenceBalance.AllOthers);
        var s2 = Lira.OnlineScores(two, QueryValues.LogitScaled(two), 0, [1, 2, 3, 4], LiraVariance.PerExample, balance: ReferenceBalance.AllOthers);
        Approx.AssertClose(s2[0], 2 * s1[0], rel: 1e-12);
    }

    static IEnumerable<TestCaseData> GoldenCases()
    {
        yield return new TestCaseData("online", LiraVariance.PerExample).SetName("Golden_OnlinePerExample_MatchesNumpy");
        yield return new TestCaseData("online", LiraVariance.Global).SetName("Golden_OnlineGlobal_MatchesNumpy");
        yield return new TestCaseData("offline", LiraVariance.PerExample).SetName("Golden_OfflinePerExample_MatchesNumpy");
        yield return new TestCaseData("offline", LiraVariance.Global).SetName("Golden_OfflineGlobal_MatchesNumpy");
        yield return new TestCaseData("online", LiraVariance.PerExample, ReferenceBalance.AllOthers).SetName("Golden_OnlinePerExampleAllOthers_MatchesNumpy");
        yield return new TestCaseData("online", LiraVariance.Global, ReferenceBalance.AllOthers).SetName("Golden_OnlineGlobalAllOthers_MatchesNumpy");
        yield return new TestCaseData("offline", LiraVariance.Global, ReferenceBalance.AllOthers).SetName("Golden_OfflineGlobalAllOthers_MatchesNumpy");
    }

    [TestCaseSource(nameof(GoldenCases))]
    public void Golden_MatchesNumpy(string mode, LiraVariance variance, ReferenceBalance balance = ReferenceBalance.Balanced)
    {
        var golden = LiraGolden.Values;
        var set = golden.Set();
        var options = new LiraOptions(variance, Balance: balance);
        var scores = mode == "online" ? Lira.Online(set, options) : Lira.Offline(set, options);
        var expected = (mode, variance, balance) switch
        {
            ("online", LiraVariance.PerExample, ReferenceBalance.Balanced) => golden.LiraOnlinePerExample,
            ("online", _, ReferenceBalance.Balanced) => golden.LiraOnlineGlobal,
            ("offline", LiraVariance.PerExample, ReferenceBalance.Balanced) => golden.LiraOfflinePerExample,
            ("offline", _, ReferenceBalance.Balanced) => golden.LiraOfflineGlobal,
            ("online", LiraVariance.PerExample, _) => golden.LiraOnlinePerExampleAllOthers,
            ("online", _, _) => golden.LiraOnlineGlobalAllOthers,
            _ => golden.LiraOfflineGlobalAllOthers,
        };
        Approx.AssertClose(scores.Scores, expected, rel: 1e-9, abs: 1e-9, what: $"LiRA {mode} {variance}");
        Assert.That(scores.IsMember, Is.EqualTo(golden.IsMember.Select(v => v != 0).ToArray()));
    }

    [Test]
    public void Phi_Golden_MatchesNumpy()
    {
        var golden = LiraGolden.Values;
        var set = golden.Set();
        Approx.AssertClose(QueryValues.LogitScaled(set).Data, golden.Phi, rel: 1e-12, abs: 1e-12, what: "φ");
        Approx.AssertClose(QueryValues.TrueClassLogProbability(set).Data, golden.Logp, rel: 1e-12, abs: 1e-12, what: "log p_y");
    }

    [Test]
    public void Phi_ScalarEqualsTheSignalRegistrysTensorPath()
    {
        var random = new Random(3);
        var logits = Enumerable.Range(0, 50 * 10).Select(_ => (float)(10 * ScoreSets.Gaussian(random))).ToArray();
        var labels = Enumerable.Range(0, 50).Select(_ => (long)random.Next(10)).ToArray();
        using var z = tensor(logits, [50, 10]);
        using var y = tensor(labels);
        var phi = SignalRegistry.LogitScaled.Compute(z, y);
        var loss = SignalRegistry.Loss.Compute(z, y);
        for (var n = 0; n < 50; n++)
        {
            Approx.AssertClose(LogitScaledConfidence.Of(logits.AsSpan(n * 10, 10), (int)labels[n]), phi[n], rel: 1e-12, abs: 1e-12, what: $"φ[{n}]");
            Approx.AssertClose(CrossEntropy.Of(logits.AsSpan(n * 10, 10), (int)labels[n]), loss[n], rel: 1e-12, abs: 1e-12, what: $"loss[{n}]");
        }
    }

    [Test]
    public void Phi_HugeLogits_StayFiniteAndExact()
    {
        // A float32 softmax overflows at a logit of ≈ 89 and 1 − p rounds to 0 at a gap of ≈ 17: φ here is computed without either.
        float[] row = [3e38f, -3e38f, 0f];
        Assert.That(LogitScaledConfidence.Of(row, 0), Is.EqualTo(3e38).Within(3e38 * 1e-7));
        Approx.AssertClose(LogitScaledConfidence.Of([1000f, 0f, 0f], 0), 1000 - Math.Log(2), rel: 1e-15);
        Approx.AssertClose(LogitScaledConfidence.Of([1000f, 0f, 0f], 1), -1000, rel: 1e-15);
        Assert.That(CrossEntropy.Of([1000f, 0f, 0f], 0), Is.EqualTo(0).Within(1e-300));
        Approx.AssertClose(CrossEntropy.Of([1000f, 0f, 0f], 1), 1000, rel: 1e-15);

        var keep = new bool[,] { { true }, { true }, { true }, { false }, { false }, { false } };
        var logits = new float[] { 1e30f, 0, 2e30f, 0, 1.5e30f, 0, 5e29f, 0, -1e30f, 0, 0, 0 };
        var set = new ScoreSet(keep, logits, 1, 2, [0]);
        var online = Lira.OnlineScores(set, QueryValues.LogitScaled(set), 0, [1, 2, 3, 4, 5], LiraVariance.PerExample);
        Assert.That(double.IsFinite(online[0]), $"{online[0]}");
    }

    [TestCase(-200.0)]
    [TestCase(-40.0)]
    [TestCase(-37.5)]
    [TestCase(-36.9)]
    [TestCase(-10.0)]
    [TestCase(-1.0)]
    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(3.0)]
    [TestCase(9.0)]
    [TestCase(20.0)]
    [TestCase(37.0)]
    public void StandardNormalLogCdf_MatchesScipy(double z)
    {
        var expected = LiraGolden.Values.Logcdf[z.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture)];
        // 1e-12: in the far tails (Φ(−37) ≈ 6e-300) MathNet's erfc and scipy's ndtr differ by ≈ 2e-13 relative.
        Approx.AssertClose(StandardNormal.LogCdf(z), expected, rel: 1e-12, what: $"log Φ({z})");
    }

    [Test]
    public void Online_PerExampleCalibration_SeparatesWhereTheGlobalThresholdCannot()
    {
        var set = ScoreSets.Separable(models: 16, examples: 200, gap: 4, noise: 0.3, seed: 1);
        var lira = RocCurve.From(Lira.Online(set));
        var global = RocCurve.From(GlobalThreshold.Run(set, SignalRegistry.LogitScaled));
        Assert.That(lira.Auc, Is.GreaterThan(0.999));
        Assert.That(lira.TprAtFpr(0.001), Is.GreaterThan(0.9));
        Assert.That(global.Auc, Is.LessThan(0.75), "difficulty spread 5 ≫ gap 4: one threshold for all examples is weak");
        Assert.That(RocCurve.From(Lira.Offline(set)).TprAtFpr(0.01), Is.GreaterThan(0.9));
    }

    /// <summary>
    /// The control: the same outputs with each example's IN models reassigned at random (still balanced). Nothing in the
    /// outputs relates to the new mask, so every attack's AUC must be 50 % within binomial noise (4 SE of an AUC on
    /// M·N/2 members and as many non-members) — at M = 8, where the reference counts' bias is largest, and at 32.
    /// </summary>
    [TestCase(8)]
    [TestCase(32)]
    public void ShuffledKeep_Balanced_EveryAttackAtChanceWithinBinomialNoise(int models)
    {
        const int examples = 1000;
        var set = ScoreSets.Separable(models, examples, gap: 4, noise: 0.3, seed: 2);
        var shuffled = set.WithKeep(ScoreSets.Balanced(models, examples, new Random(99)));
        var bound = 4 * AucStandardError(models * examples / 2);
        foreach (var attack in ManyModelAttacks.Run(shuffled))
            Assert.That(RocCurve.From(attack.Scores).Auc, Is.InRange(0.5 - bound, 0.5 + bound), attack.Label);
        foreach (var attack in ManyModelAttacks.Run(set).Where(a => a.Attack.StartsWith("lira-online", StringComparison.Ordinal)))
            Assert.That(RocCurve.From(attack.Scores).Auc, Is.GreaterThan(0.99), $"{attack.Label} on the true mask");
    }

    /// <summary>Why the default is balanced: with every other model as a reference, the target's members have one IN
    /// reference fewer and its non-members one OUT fewer. LiRA, which fits IN and OUT apart, shows it on the shuffled
    /// control (outside the noise at M = 8: the check above can fail); RMIA's Pr(x), a mean over both sides, ignores the
    /// labels there, and shows it on the real mask instead: a member's Pr(x) has one IN model fewer, so RMIA reads higher.</summary>
    [Test]
    public void AllOthers_CountsCarryTheTargetsMembership()
    {
        const int models = 8, examples = 1000;
        var set = ScoreSets.Separable(models, examples, gap: 1, noise: 1, seed: 2);
        var shuffled = set.WithKeep(ScoreSets.Balanced(models, examples, new Random(99)));
        var bound = 4 * AucStandardError(models * examples / 2);
        var lira = RocCurve.From(Lira.Online(shuffled, new LiraOptions(LiraVariance.PerExample, Balance: ReferenceBalance.AllOthers))).Auc;
        var (rmiaAll, rmiaBalanced) = (RocCurve.From(Rmia.Online(set, new RmiaOptions(Balance: ReferenceBalance.AllOthers))).Auc, RocCurve.From(Rmia.Online(set)).Auc);
        TestContext.Out.WriteLine($"M = 8, all others: LiRA online on the shuffled mask {lira:F4} (chance ± {bound:F4}); RMIA online {rmiaAll:F4} against {rmiaBalanced:F4} balanced");
        Assert.That(Math.Abs(lira - 0.5), Is.GreaterThan(bound), "LiRA online (per-example σ), all others, shuffled mask");
        // The same scores scored twice: the difference is paired, far less noisy than one AUC; 2 SE of one AUC is ample.
        Assert.That(rmiaAll - rmiaBalanced, Is.GreaterThan(bound / 2), "RMIA online, all others against balanced, real mask");
    }

    /// <summary>The AUC's standard deviation under no signal with n members and n non-members (Mann–Whitney).</summary>
    static double AucStandardError(int n) => Math.Sqrt((2.0 * n + 1) / (12.0 * n * n));

    [Test]
    public void ReferenceModels_FirstK_AreTheLowestOtherIndices()
    {
        Assert.That(LeaveOneModelOut.References(5, 2, 3), Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(LeaveOneModelOut.References(5, 0), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(() => LeaveOneModelOut.References(5, 0, 5), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("1 to 4"));
    }

    [Test]
    public void ReferenceSides_KReferences_HalfInHalfOutPerExample_InIndexOrder()
    {
        var set = ScoreSets.Separable(models: 8, examples: 20, gap: 4, noise: 0.3, seed: 3);
        var others = LeaveOneModelOut.References(8, 0);
        for (var n = 0; n < set.Examples; n++)
        {
            var (ins, outs) = ReferenceSides.Of(set, 0, others, n, online: true, 4, ReferenceBalance.Balanced, 2);
            Assert.That(ins, Is.EqualTo(others.Where(r => set.IsIn(r, n)).Take(2)));
            Assert.That(outs, Is.EqualTo(others.Where(r => !set.IsIn(r, n)).Take(2)));
            // Balanced without k: M/2 − 1 = 3 a side whether the target trained on the example or not.
            var all = ReferenceSides.Of(set, 0, others, n, online: true, null, ReferenceBalance.Balanced, 2);
            Assert.That((all.In.Count, all.Out.Count), Is.EqualTo((3, 3)));
            Assert.That(ReferenceSides.Of(set, 0, others, n, online: false, null, ReferenceBalance.Balanced, 2).Out, Has.Count.EqualTo(3));
        }
    }

    [TestCase(3, "k must be even")]
    [TestCase(2, "leave it 1 IN and 1 OUT where 2 a side are needed")]
    [TestCase(8, "The largest online count these 8 models allow is 6, the smallest 4")]
    public void Online_KReferencesTheSetCannotGive_IsRefusedBeforeScoring_NamingTheLargestAllowed(int k, string message)
    {
        var set = ScoreSets.Separable(models: 8, examples: 20, gap: 4, noise: 0.3, seed: 3);
        Assert.That(() => Lira.Online(set, new LiraOptions(LiraVariance.Global, k)), Throws.ArgumentException.With.Message.Contains(message));
        Assert.That(() => ManyModelAttacks.Run(set, k), Throws.ArgumentException.With.Message.Contains(message), "score's up-front check");
    }

    [Test]
    public void Online_NoInReferenceForAnExample_ErrorNamesExampleAndTheFix()
    {
        // 4 models: balanced, a target's others hold 1 of one side for every example, and LiRA needs 2 a side.
        var keep = new bool[,] { { true, true }, { true, false }, { false, false }, { false, false } };
        var set = ScoreSets.FromPhi(keep, new double[4, 2, 1]);
        Assert.That(() => Lira.Online(set), Throws.ArgumentException.With.Message.Contains("example 0 is IN for 2 and OUT for 2 of 4 models")
            .And.Message.Contains("allow no online count").And.Message.Contains("train more models"));
    }
}
