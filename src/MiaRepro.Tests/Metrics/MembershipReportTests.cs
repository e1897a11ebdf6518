using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Metrics;
using NUnit.Framework;
using MiaRepro.IO;

namespace MiaRepro.Tests.Metrics;

/// <summary>The one-call report agrees with its parts and with sklearn, and serializes as results do.</summary>
[TestFixture]
public sealed class MembershipReportTests
{
    [Test]
    public void From_GoldenCase_AgreesWithSklearn()
    {
        var golden = MetricsGolden.Case("random-imbalanced");
        var report = MembershipReport.From(golden.ToScores(), new() { BootstrapResamples = 200, Seed = 3 });
        Assert.That((report.Members, report.NonMembers), Is.EqualTo((30, 170)));
        Assert.That(report.Auc, Is.EqualTo(golden.Auc).Within(1e-12));
        Assert.That(report.AucInterval!.Estimate, Is.EqualTo(report.Auc));
        foreach (var target in new[] { 0.1, 0.01, 0.001, 0.0 })
            Assert.That(report.TprAt(target), Is.EqualTo(golden.TprAtFpr.Single(t => t.Fpr == target).Tpr), $"TPR at {target}");
        Assert.That(report.OptimisticBalancedAccuracy, Is.EqualTo(golden.BestBalancedAccuracy).Within(1e-12));
        Assert.That(report.OptimisticAdvantage, Is.EqualTo(2 * golden.BestBalancedAccuracy - 1).Within(1e-12));
    }

    [Test]
    public void From_MeasuredFprs_TprAtZeroPointOneAndOnePercent()
    {
        var golden = MetricsGolden.Case("random-imbalanced");
        var report = MembershipReport.From(golden.ToScores(), new() { TargetFprs = MembershipReportOptions.MeasuredFprs, BootstrapResamples = 0 });
        Assert.That(report.TprAtFpr.Select(p => p.TargetFpr), Is.EqualTo(new[] { 0.001, 0.01 }));
        foreach (var target in MembershipReportOptions.MeasuredFprs)
            Assert.That(report.TprAt(target), Is.EqualTo(golden.TprAtFpr.Single(t => t.Fpr == target).Tpr), $"TPR at {target}");
    }

    [Test]
    public void From_OperatingPoints_CarryClopperPearsonIntervals()
    {
        var report = MembershipReport.From(MetricsGolden.Case("random-balanced").ToScores(), new() { BootstrapResamples = 0, Alpha = 0.1 });
        var at10 = report.TprAtFpr.Single(p => p.TargetFpr == 0.1);
        Assert.That(at10.Fpr, Is.LessThanOrEqualTo(0.1));
        Assert.That(at10.TprInterval, Is.EqualTo(ClopperPearson.Interval(at10.Counts.TruePositives, 100, 0.1)));
        Assert.That(at10.FprInterval, Is.EqualTo(ClopperPearson.Interval(at10.Counts.FalsePositives, 100, 0.1)));
        Assert.That(at10.TprInterval.Lower, Is.LessThanOrEqualTo(at10.Tpr));
        Assert.That(at10.TprInterval.Upper, Is.GreaterThanOrEqualTo(at10.Tpr));
    }

    [Test]
    public void From_PerfectAttack500_OptimisticEpsilonIsTheIssuesValue()
    {
        var scores = new MembershipScores(
            Enumerable.Repeat(1.0, 500).Concat(Enumerable.Repeat(0.0, 500)).ToArray(),
            Enumerable.Repeat(true, 500).Concat(Enumerable.Repeat(false, 500)).ToArray());
        var report = MembershipReport.From(scores, new() { Alpha = 0.01, BootstrapResamples = 0 });
        Assert.That(report.OptimisticEpsilon.Epsilon, Is.EqualTo(EpsilonLowerBound.FromCounts(new(500, 0, 500, 0), 0.01).Epsilon));
        Assert.That(report.OptimisticEpsilon.Epsilon, Is.EqualTo(4.54).Within(0.005));
        Assert.That(report.TprAt(0), Is.EqualTo(1));
    }

    [Test]
    public void From_OptimisticEpsilon_IsTheMaximumOverEveryThreshold()
    {
        var scores = MetricsGolden.Case("heavy-ties").ToScores();
        var roc = RocCurve.From(scores);
        var byHand = roc.Points.Max(p => EpsilonLowerBound.FromCounts(ThresholdMetrics.At(roc, p).Counts, 0.05).Epsilon);
        Assert.That(MembershipReport.From(scores, new() { BootstrapResamples = 0 }).OptimisticEpsilon.Epsilon, Is.EqualTo(byHand).Within(1e-12));
    }

    [Test]
    public void From_NoBootstrap_HasNoAucInterval() =>
        Assert.That(MembershipReport.From(MetricsGolden.Case("sklearn-docstring").ToScores(), new() { BootstrapResamples = 0 }).AucInterval, Is.Null);

    [Test]
    public void TprAt_TargetNotInTheReport_SaysWhichAre()
    {
        var report = MembershipReport.From(MetricsGolden.Case("sklearn-docstring").ToScores(), new() { BootstrapResamples = 0 });
        var e = Assert.Throws<ArgumentException>(() => report.TprAt(0.05))!;
        Assert.That(e.Message, Does.Contain("0.1, 0.01, 0.001, 0"));
    }

    [Test]
    public void From_ReversedPolarity_SerializesInfiniteThresholdsWithTheResultsOptions()
    {
        var report = MembershipReport.From(MetricsGolden.Case("reversed-polarity").ToScores(), new() { BootstrapResamples = 50 });
        Assert.That(report.OptimisticBest.Threshold, Is.EqualTo(double.PositiveInfinity));
        var json = JsonSerializer.Serialize(report, JsonFormat.Indented);
        Assert.That(json, Does.Contain("\"threshold\": \"Infinity\"").And.Contain("\"auc\": 0"));
    }

    /// <summary>The optimistic ε visits points from the highest cap down and stops early; it must give the maximum over
    /// every ROC point, as the exhaustive search does (random scores with ties, several δ).</summary>
    [TestCase(0.0)]
    [TestCase(1e-5)]
    [TestCase(0.05)]
    public void OptimisticEpsilon_EqualsTheExhaustiveMaximumOverEveryPoint(double delta)
    {
        var random = new Random(5);
        var isMember = Enumerable.Range(0, 3000).Select(i => i % 3 != 0).ToArray();
        var scores = isMember.Select(m => Math.Round((m ? 0.4 : 0) + random.NextDouble(), 2)).ToArray();   // rounding makes ties
        var roc = RocCurve.From(new MembershipScores(scores, isMember));
        var exhaustive = roc.Points.Max(p => EpsilonLowerBound.FromRateBounds(ClopperPearson.Interval(p.TruePositives, roc.Members, 0.05).Lower,
            ClopperPearson.Interval(p.FalsePositives, roc.NonMembers, 0.05).Upper, 0.05, delta).Epsilon);
        var report = MembershipReport.From(new MembershipScores(scores, isMember), new MembershipReportOptions { BootstrapResamples = 0, Delta = delta });
        Assert.That(report.OptimisticEpsilon.Epsilon, Is.EqualTo(exhaustive));
        Assert.That(exhaustive, Is.GreaterThan(0));
    }
}
