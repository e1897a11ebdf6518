using MiaRepro.Attacks.AttackModels;
using MiaRepro.Runtime;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// SvmGridSearch against scikit-learn's GridSearchCV(SVC, cv=StratifiedKFold(5)) (golden JSON): the folds, the CV
/// table, the chosen (C, γ) and the refitted model; determinism; grid and fold errors.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class SvmGridSearchTests
{
    [OneTimeSetUp]
    public void LoadTorch() => TorchRuntime.EnsureInitialized();

    [TestCaseSource(typeof(SvmGolden), nameof(SvmGolden.DatasetCases))]
    public void Folds_GoldenTrainRows_SameAsSklearnStratifiedKFold(SvmGolden.Dataset d) =>
        Assert.That(StratifiedFolds.Assign(d.YTrain, 5), Is.EqualTo(d.Grid.FoldOfTrainRow));

    [TestCaseSource(typeof(SvmGolden), nameof(SvmGolden.DatasetCases))]
    public void Fit_GoldenDataset_MatchesGridSearchCv(SvmGolden.Dataset d)
    {
        var result = SvmGridSearch.Fit(d.XTrain, d.YTrain);
        var sk = d.Grid;
        foreach (var (ours, theirs) in result.Table.Zip(sk.Points))
            TestContext.Out.WriteLine($"C={ours.C:G} γ={ours.Gamma:G}: mean {ours.MeanAccuracy:F4} ± {ours.StdAccuracy:F4} vs sklearn {theirs.Mean:F4} ± {theirs.Std:F4}");
        TestContext.Out.WriteLine($"best C={result.BestC:G} γ={result.BestGamma:G} vs sklearn C={sk.BestC:G} γ={sk.BestGamma:G}");
        var chosen = sk.Points.Single(p => p.C == result.BestC && p.Gamma == result.BestGamma);
        Assert.Multiple(() =>
        {
            Assert.That(result.Table.Select(p => (p.C, p.Gamma)), Is.EqualTo(sk.Points.Select(p => (p.C, p.Gamma))), "grid order (C-major)");
            for (var i = 0; i < sk.Points.Length; i++)
            {
                Assert.That(result.Table[i].MeanAccuracy, Is.EqualTo(sk.Points[i].Mean).Within(0.005), $"mean CV accuracy at {i}");
                Assert.That(result.Table[i].StdAccuracy, Is.EqualTo(sk.Points[i].Std).Within(0.005), $"std at {i}");
            }
            // The same point, or one whose sklearn CV score ties sklearn's best within half a point.
            Assert.That(chosen.Mean, Is.EqualTo(sk.BestMean).Within(0.005), "sklearn's CV score of our choice");
            Assert.That(result.Model.C, Is.EqualTo(result.BestC));
            Assert.That(result.Model.Gamma, Is.EqualTo(result.BestGamma));
            Assert.That(result.Model.Accuracy(d.XTest, d.YTest), Is.EqualTo(sk.RefitTestAccuracy).Within(0.005), "refitted model's test accuracy");
        });
    }

    [Test]
    public void Fit_SerialAndParallel_SameTableAndChoice()
    {
        var d = SvmGolden.Values.Cases.Single(c => c.Name == "loss-entropy");
        var (x, y) = (d.XTrain[..240], d.YTrain[..240]);
        var serial = SvmGridSearch.Fit(x, y, maxParallelism: 1);
        var parallel = SvmGridSearch.Fit(x, y);
        Assert.That(parallel.Table.Select(p => p.FoldAccuracies.ToArray()), Is.EqualTo(serial.Table.Select(p => p.FoldAccuracies.ToArray())));
        Assert.That((parallel.BestC, parallel.BestGamma), Is.EqualTo((serial.BestC, serial.BestGamma)));
        Assert.That(parallel.Model.DecisionFunction(d.XTest), Is.EqualTo(serial.Model.DecisionFunction(d.XTest)));
    }

    [Test]
    public void Fit_AllPointsTie_FirstInGridOrderWins()
    {
        // Two far-apart clusters: every (C, γ) classifies every fold perfectly, so all means are 1.
        var x = Enumerable.Range(0, 20).Select(i => new[] { i < 10 ? 0.0 : 10.0, i % 10 * 0.01 }).ToArray();
        var y = Enumerable.Range(0, 20).Select(i => i < 10 ? 0 : 1).ToArray();
        var result = SvmGridSearch.Fit(x, y, new SvmGrid([1, 10], [0.5, 1]));
        Assert.That(result.Table.Select(p => p.MeanAccuracy), Is.All.EqualTo(1.0));
        Assert.That((result.BestC, result.BestGamma), Is.EqualTo((1.0, 0.5)));
    }

    static IEnumerable<TestCaseData> BadGrids()
    {
        yield return new TestCaseData(new[] { 0.1, 0.0 }, new[] { 0.01 }, "shadowAttack:svm:c", "got 0").SetName("{m}(C zero)");
        yield return new TestCaseData(new[] { -1.0 }, new[] { 0.01 }, "shadowAttack:svm:c", "got -1").SetName("{m}(C negative)");
        yield return new TestCaseData(new[] { 1.0 }, new[] { 0.01, double.NaN }, "shadowAttack:svm:gamma", "got NaN").SetName("{m}(gamma NaN)");
        yield return new TestCaseData(new[] { 1.0 }, new[] { -0.1 }, "shadowAttack:svm:gamma", "got -0.1").SetName("{m}(gamma negative)");
        yield return new TestCaseData(new[] { 1.0 }, Array.Empty<double>(), "shadowAttack:svm:gamma", "is empty").SetName("{m}(gamma empty)");
    }

    [TestCaseSource(nameof(BadGrids))]
    public void Grid_BadValue_ErrorNamesKeyAndValue(double[] c, double[] gamma, string key, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new SvmGrid(c, gamma))!;
        Assert.That(e.Message, Does.Contain(key).And.Contain(value));
    }

    [Test]
    public void Fit_FewerThanFiveOfAClass_ErrorNamesClassAndCount()
    {
        var x = Enumerable.Range(0, 24).Select(i => new[] { i * 0.1 }).ToArray();
        var y = Enumerable.Range(0, 24).Select(i => i < 3 ? 1 : 0).ToArray();
        var e = Assert.Throws<ArgumentException>(() => SvmGridSearch.Fit(x, y))!;
        Assert.That(e.Message, Does.Contain("at least 5 rows of each class").And.Contain("class 1 (members) has 3"));
    }
}
