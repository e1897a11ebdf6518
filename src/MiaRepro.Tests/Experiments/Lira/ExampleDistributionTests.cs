using MiaRepro.Scoring;
using System.Text.Json;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Experiments;
using MiaRepro.Experiments.Lira;
using MiaRepro.Metrics;
using MiaRepro.Plots;
using MiaRepro.Tests.Attacks;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Lira;

/// <summary>The per-example φ distributions: which examples are chosen, their IN/OUT values and fits, and the figure.</summary>
[TestFixture]
public sealed class ExampleDistributionTests
{
    /// <summary>
    /// 4 models × 3 examples, one query, each example IN for models {0, 1}, {1, 2}, {2, 3} (2 of 4). φ of example 0:
    /// IN 4, 6, OUT 0, 2 (means 5 and 1); example 1: IN 3, 5, OUT 1, 1; example 2: IN 1, 1, OUT 1, 1.
    /// Leave-one-model-out scores (hand-made): mean over the IN targets 3 (example 0), 1 (1), −2 (2).
    /// </summary>
    static (ScoreSet Set, MembershipScores Lomo) Hand()
    {
        bool[,] keep = { { true, false, false }, { true, true, false }, { false, true, true }, { false, false, true } };
        var phi = new double[4, 3, 1];
        (phi[0, 0, 0], phi[1, 0, 0], phi[2, 0, 0], phi[3, 0, 0]) = (4, 6, 0, 2);
        (phi[0, 1, 0], phi[1, 1, 0], phi[2, 1, 0], phi[3, 1, 0]) = (1, 3, 5, 1);
        (phi[0, 2, 0], phi[1, 2, 0], phi[2, 2, 0], phi[3, 2, 0]) = (1, 1, 1, 1);
        double[,] scores = { { 2, 0, 0 }, { 4, 0, 0 }, { 0, 2, -1 }, { 0, 0, -3 } };
        return (ScoreSets.FromPhi(keep, phi), new(scores.Cast<double>().ToArray(), keep.Cast<bool>().ToArray()));
    }

    static IReadOnlyList<ExampleDistribution> Chosen()
    {
        var (set, lomo) = Hand();
        return ExampleDistribution.Choose(set, lomo, PerExampleDetection.From(lomo, 4, 3, 0), [10, 11, 12]);
    }

    [Test]
    public void Choose_MostTypicalLeast_ByMeanScoreOverInTargets()
    {
        var chosen = Chosen();
        Assert.That(chosen.Select(c => (c.Label, c.Example, c.DatasetIndex, c.MeanMemberScore)), Is.EqualTo(new[]
        {
            ("most vulnerable", 0, 10L, 3.0), ("typical", 1, 11L, 1.0), ("least vulnerable", 2, 12L, -2.0),
        }));
    }

    [Test]
    public void Choose_ValuesSplitByMembershipWithPerExampleMeansAndGlobalStd()
    {
        var most = Chosen()[0];
        Assert.That((most.PhiIn, most.PhiOut), Is.EqualTo((new double[] { 4, 6 }, new double[] { 0, 2 })));
        Assert.That((most.MeanIn, most.MeanOut), Is.EqualTo((5.0, 1.0)));
        // Global σ_in over every example's IN values around its own mean: squares 1+1 (ex 0), 1+1 (ex 1), 0 (ex 2) over 6 → √(4/6).
        Approx.AssertClose(most.StdIn, Math.Sqrt(4.0 / 6), rel: 1e-12);
        Approx.AssertClose(most.StdOut, Math.Sqrt(2.0 / 6), rel: 1e-12);   // OUT squares: 1+1 (ex 0), 0, 0
    }

    [Test]
    public void ScoreDistribution_TwoFitsAndOnePointPerModel_PointsWithoutLines()
    {
        var figure = PhiDistributionFigure.Of(Chosen()[0], "cifar10 train");
        Assert.That(figure.Series.Select(s => (s.Label, s.X.Length, s.MarkersOnly)), Is.EqualTo(new[]
        {
            ("IN fit N(5.00, 0.82²)", 200, false), ("OUT fit N(1.00, 0.58²)", 200, false), ("IN models (2; 2 detect it at 0% FPR)", 2, true), ("OUT models (2)", 2, true),
        }));
        Assert.That(figure.Title, Is.EqualTo("most vulnerable: pool 0 (cifar10 train #10), mean LiRA score 3.0"));
        // The fitted density peaks at its mean: 1 / (σ √(2π)).
        Approx.AssertClose(figure.Series[0].Y.Max(), 1 / (Math.Sqrt(4.0 / 6) * Math.Sqrt(2 * Math.PI)), rel: 0.01);
        using var t = TestEnvironment.Temp();
        PlotWriter.SavePng(figure, t["d.png"]);
        Assert.That(File.Exists(t["d.png"]), Is.True);
    }

    [Test]
    public void Series_MarkersOnlyFalse_IsLeftOutOfPlotData() =>
        Assert.That(JsonSerializer.Serialize(new Series("s", [1], [2]), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
            Is.EqualTo("""{"label":"s","x":[1],"y":[2]}"""));
}
