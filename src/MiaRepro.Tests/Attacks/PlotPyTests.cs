using System.Text.Json;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// LiRA as Carlini et al.'s plot.py scores it (<see cref="LiraOptions.PlotPy"/>, <see cref="RocCurve.TprBelowFpr"/>)
/// against tools/reference/plotpy_reference.py's numpy restatement of plot.py, on lira_reference.py's set: the last
/// model the target, the others its references, as do_plot(ntest = 1) does.
/// </summary>
public sealed class PlotPyTests
{
    static JsonElement Golden()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Attacks", "golden", "plotpy_golden.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    [TestCase("online", LiraVariance.PerExample)]
    [TestCase("online_fixed_variance", LiraVariance.Global)]
    [TestCase("offline", LiraVariance.PerExample)]
    [TestCase("offline_fixed_variance", LiraVariance.Global)]
    public void PlotPyVariant_EqualsPlotPysScoresAndTprStrictlyBelowTheFpr(string name, LiraVariance variance)
    {
        var golden = Golden();
        var set = LiraGolden.Values.Set();
        var target = golden.GetProperty("target").GetInt32();
        var references = Enumerable.Range(0, target).ToArray();
        var phi = QueryValues.LogitScaled(set);
        var options = LiraOptions.PlotPy(variance);
        var scores = name.StartsWith("online", StringComparison.Ordinal)
            ? Lira.OnlineScores(set, phi, target, references, options)
            : Lira.OfflineScores(set, phi, target, references, options);
        // plot.py averages over queries where the paper (and this code) sums: the same ranking, a factor A apart.
        var expected = golden.GetProperty(name).GetProperty("scores").EnumerateArray().Select(v => v.GetDouble() * set.Augmentations).ToArray();
        Approx.AssertClose(scores, expected, rel: 1e-9, abs: 1e-9, what: $"plot.py {name}");
        var roc = RocCurve.From(new MembershipScores(scores, golden.GetProperty("is_member").EnumerateArray().Select(v => v.GetInt32() == 1).ToArray()));
        foreach (var cut in golden.GetProperty(name).GetProperty("tpr_below").EnumerateObject())
            Assert.That(roc.TprBelowFpr(double.Parse(cut.Name, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(cut.Value.GetDouble()).Within(1e-12), $"{name} TPR below {cut.Name}");
    }

    [Test]
    public void TprBelowFpr_DiffersFromAtMostOnlyWhereAPointSitsAtTheFpr()
    {
        // 2 members, 2 non-members: points (0,0) (0,½) (½,½) (½,1) (1,1).
        var roc = RocCurve.From(new MembershipScores([4, 3, 2, 1], [true, false, true, false]));
        Assert.That((roc.TprAtFpr(0.5), roc.TprBelowFpr(0.5)), Is.EqualTo((1.0, 0.5)));
        Assert.That((roc.TprAtFpr(0.4), roc.TprBelowFpr(0.4)), Is.EqualTo((0.5, 0.5)));
    }

    [Test]
    public void PlotPyOptions_DifferFromThePapersInEachNamedChoice()
    {
        var plot = LiraOptions.PlotPy(LiraVariance.Global);
        Assert.That((plot.Location, plot.GlobalSigma, plot.OfflineTest, plot.IsPaper), Is.EqualTo((LiraLocation.Median, LiraGlobalSigma.PlotPy, LiraOfflineTest.TwoSided, false)));
        Assert.That(new LiraOptions().IsPaper, Is.True);
    }
}
