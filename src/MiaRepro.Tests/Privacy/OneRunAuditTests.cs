using MiaRepro.Privacy;
using NUnit.Framework;

namespace MiaRepro.Tests.Privacy;

/// <summary>The one-run audit's ε lower bound (Steinke, Nasr &amp; Jagielski 2023) and its guesses.</summary>
[TestFixture]
public sealed class OneRunAuditTests
{
    public static IEnumerable<OneRunAuditGoldenPoint> GoldenPoints() => OneRunAuditGolden.Values.Points;

    [Test]
    public void Golden_Generator_IsTheReferenceScript() =>
        Assert.That(OneRunAuditGolden.Values.Generator, Is.EqualTo("tools/reference/one_run_audit_reference.py"));

    [TestCaseSource(nameof(GoldenPoints))]
    public void EpsilonLowerBound_GoldenPoint_EqualsNumpy(OneRunAuditGoldenPoint g) =>
        Assert.That(OneRunAudit.EpsilonLowerBound(g.M, g.R, g.V, g.Delta, g.Beta), Is.EqualTo(g.Epsilon).Within(1e-6));

    [TestCaseSource(nameof(GoldenPoints))]
    public void PValue_AtEpsilonOne_EqualsNumpy(OneRunAuditGoldenPoint g) =>
        Assert.That(OneRunAudit.PValue(g.M, g.R, g.V, 1.0, g.Delta), Is.EqualTo(g.PValueAtOne).Within(1e-9 + 1e-9 * g.PValueAtOne));

    [TestCase(100, 50, 0.0)]
    [TestCase(100, 55, 0.0)]
    [TestCase(1000, 500, 1e-5)]
    [TestCase(10, 5, 0.0)]
    public void EpsilonLowerBound_NearChance_IsZero(int r, int v, double delta) =>
        Assert.That(OneRunAudit.EpsilonLowerBound(1000, r, v, delta, 0.05), Is.EqualTo(0));

    [TestCase(10, 0.05)]
    [TestCase(100, 0.05)]
    [TestCase(1000, 0.05)]
    [TestCase(100, 0.01)]
    [TestCase(37, 0.2)]
    public void EpsilonLowerBound_AllCorrectPureDp_SolvesQToTheREqualsBeta(int r, double beta)
    {
        // P[Bin(r, q) ≥ r] = q^r = β  ⇒  q = β^(1/r), ε = ln(q / (1 − q)).
        var q = Math.Pow(beta, 1.0 / r);
        Assert.That(OneRunAudit.EpsilonLowerBound(1000, r, r, 0, beta), Is.EqualTo(Math.Log(q / (1 - q))).Within(1e-9));
    }

    [Test]
    public void EpsilonLowerBound_MoreCorrectGuesses_IsLarger()
    {
        foreach (var delta in new[] { 0.0, 1e-5 })
        {
            var bounds = Enumerable.Range(50, 51).Select(v => OneRunAudit.EpsilonLowerBound(1000, 100, v, delta, 0.05)).ToArray();
            for (var i = 1; i < bounds.Length; i++)
            {
                Assert.That(bounds[i], Is.GreaterThanOrEqualTo(bounds[i - 1]), $"δ={delta} v={50 + i}");
                if (bounds[i - 1] > 0) Assert.That(bounds[i], Is.GreaterThan(bounds[i - 1]), $"δ={delta} v={50 + i}");
            }
            Assert.That(bounds[^1], Is.GreaterThan(3));
        }
    }

    [Test]
    public void EpsilonLowerBound_HigherConfidence_IsSmaller()
    {
        foreach (var delta in new[] { 0.0, 1e-5 })
        {
            double[] betas = [0.2, 0.1, 0.05, 0.01, 0.001];
            var bounds = betas.Select(b => OneRunAudit.EpsilonLowerBound(1000, 200, 180, delta, b)).ToArray();
            for (var i = 1; i < bounds.Length; i++) Assert.That(bounds[i], Is.LessThan(bounds[i - 1]), $"δ={delta} β={betas[i]}");
        }
    }

    [Test]
    public void EpsilonLowerBound_LargerDelta_IsSmaller()
    {
        var pure = OneRunAudit.EpsilonLowerBound(1000, 100, 100, 0, 0.05);
        var small = OneRunAudit.EpsilonLowerBound(1000, 100, 100, 1e-5, 0.05);
        var large = OneRunAudit.EpsilonLowerBound(1000, 100, 100, 1e-3, 0.05);
        Assert.That(small, Is.LessThan(pure));
        Assert.That(large, Is.LessThan(small));
    }

    [Test]
    public void EpsilonLowerBound_RandomizedResponseAtEpsilonOne_CoversAtConfidence()
    {
        // Each of r = m = 100 guesses is correct with probability e/(1+e): exactly 1-DP randomized response. The bound
        // may exceed the true ε = 1 in at most β of the runs (up to 3 binomial standard errors over 2,000 runs).
        const int runs = 2000, m = 100;
        const double beta = 0.05, trueEpsilon = 1.0;
        var rng = new Random(20230515);
        var q = 1 / (1 + Math.Exp(-trueEpsilon));
        var exceed = 0;
        for (var run = 0; run < runs; run++)
        {
            var scores = new double[m];
            var included = new bool[m];
            for (var i = 0; i < m; i++)
            {
                included[i] = rng.NextDouble() < 0.5;
                var guessIn = rng.NextDouble() < q ? included[i] : !included[i];
                scores[i] = guessIn ? 1 + rng.NextDouble() : rng.NextDouble(); // "in" guesses rank above "out" ones
            }
            var kPositive = scores.Count(s => s >= 1);
            var guesses = OneRunGuesses.FromScores(scores, included, kPositive, m - kPositive);
            if (OneRunAudit.EpsilonLowerBound(guesses, 0, beta) > trueEpsilon) exceed++;
        }
        var rate = (double)exceed / runs;
        TestContext.Out.WriteLine($"bound > ε = 1 in {exceed} of {runs} runs ({rate:P2})");
        Assert.That(rate, Is.LessThanOrEqualTo(beta + 3 * Math.Sqrt(beta * (1 - beta) / runs)));
    }

    [Test]
    public void EpsilonLowerBound_OneRunAllCorrect_MatchesManyRunOnlyAtAbout248Runs()
    {
        // Compute compared: one run with 100 canaries all guessed right (β = 0.05) against the many-run Clopper–Pearson
        // bound (Metrics.EpsilonLowerBound, α = 0.05 two-sided) over 2n trainings of one canary (n in, n out), all right.
        var oneRun = OneRunAudit.EpsilonLowerBound(1000, 100, 100, 0, 0.05);
        double ManyRun(int n) => MiaRepro.Metrics.EpsilonLowerBound.FromCounts(new MiaRepro.Metrics.ConfusionCounts(n, 0, n, 0), 0.05).Epsilon;
        Assert.That(ManyRun(1), Is.EqualTo(0), "2 trainings");
        Assert.That(ManyRun(50), Is.LessThan(oneRun), "100 trainings");
        Assert.That(ManyRun(123), Is.LessThan(oneRun), "246 trainings");
        Assert.That(ManyRun(124), Is.GreaterThan(oneRun), "248 trainings");
    }

    [Test]
    public void FromScores_HandMadeScores_CountsGuessesAndCorrect()
    {
        // Ranked high to low: 0 (0.9, in), 3 (0.8, out), 5 (0.7, in), 1 (0.5, in), 4 (0.5, out), 2 (0.1, out), 6 (0.05, in).
        double[] scores = [0.9, 0.5, 0.1, 0.8, 0.5, 0.7, 0.05];
        bool[] included = [true, true, false, false, false, true, true];
        // k₊ = 3: canaries 0, 3, 5 guessed in → 2 correct; k₋ = 2: canaries 2, 6 guessed out → 1 correct.
        Assert.That(OneRunGuesses.FromScores(scores, included, 3, 2), Is.EqualTo(new OneRunGuesses(7, 5, 3)));
        // Tie at 0.5 ranked by index: k₊ = 4 takes canary 1 (in) → 3 correct of 4; no "out" guesses.
        Assert.That(OneRunGuesses.FromScores(scores, included, 4, 0), Is.EqualTo(new OneRunGuesses(7, 4, 3)));
        // k₋ = 3 takes 4, 2, 6 (4 and 2 out) → 2 correct.
        Assert.That(OneRunGuesses.FromScores(scores, included, 0, 3), Is.EqualTo(new OneRunGuesses(7, 3, 2)));
        Assert.That(OneRunGuesses.FromScores(scores, included, 0, 0), Is.EqualTo(new OneRunGuesses(7, 0, 0)));
    }

    [Test]
    public void FromScores_MismatchedLengths_ThrowsNamingIncluded() =>
        Assert.That(() => OneRunGuesses.FromScores([1.0, 2.0], [true], 1, 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("included"));

    [Test]
    public void FromScores_NaNScore_ThrowsNamingScores() =>
        Assert.That(() => OneRunGuesses.FromScores([1.0, double.NaN], [true, false], 1, 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("scores"));
}
