using MiaRepro.Defenses;
using MiaRepro.Experiments;
using MiaRepro.Experiments.DefenseMatrix;
using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Experiments.Lira;
using MiaRepro.Experiments.ShadowAttack;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.Measurements;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>Each kind's typed rows → its measurements: names, units, facets and per-seed values as the checks read them.</summary>
[TestFixture]
public sealed class KindMeasurementsTests
{
    static readonly ClaimScope Preeti = new("preeti2022", "output-defenses");

    static ExperimentSpec ShadowVariant(string name = "top-3", DefenseSpec? release = null) => new()
    {
        Variant = name, Dataset = "cifar10", Model = new() { Type = "PreetiCnn" },
        Split = new() { ["members"] = new SplitPart { From = "train", Size = 2500 } },
        ShadowAttack = new() { Model = "svm", Release = release ?? new DefenseSpec { Name = "top-k", K = 3 } },
    };

    static ShadowAttackRow ShadowRow(params MetricValue[] metrics) =>
        new("top-3", 1, "shadow", metrics.Length > 0 ? metrics : [new("tpr@1%fpr", 7.92), new("members", 2500), new("non-members", 2500), new("accuracy", 87.6),
            new("balanced-accuracy", 87.6), new("precision", 80.2), new("recall", 99.8), new("advantage", 75.2), new("auc", 91.664528),
            new("class-mean-accuracy", 87.5), new("optimistic-accuracy", 90.1)], "");

    static readonly TargetRow Target = new("top-3", 1, 100, 47.5, 99.9, 48, 0, 11);

    static List<Measurement> Shadow(ShadowAttackRow row, TargetRow? target = null) =>
        ShadowAttackMeasurements.From(Preeti, [ShadowVariant()], [target ?? Target], [row]).ToList();

    [Test]
    public void ShadowAttack_PerSeedRowsNamedByAttackModelAndRelease()
    {
        var rows = Shadow(ShadowRow());
        Assert.Multiple(() =>
        {
            Assert.That(rows.Single(m => m.Metric == "tpr@1%fpr"), Is.EqualTo(new Measurement("preeti2022", "output-defenses", "top-3", 1, "cifar10 PreetiCnn ds2500", "shadow-svm", "top-k", "tpr@1%fpr", 7.92, "%")
                { Facets = FacetValues.None.With(Facet.Top, 3) }));
            Assert.That(rows.Single(m => m.Metric == "test-accuracy").Attack, Is.EqualTo(""));
            Assert.That(rows.Single(m => m.Metric == "gap").Value, Is.EqualTo(52.5));
            Assert.That(rows, Has.Count.EqualTo(5 + 11));
        });
    }

    [Test]
    public void ShadowAttack_AucInPercent_AsTheDefenseMatrixStoresIt()
    {
        var shadow = Shadow(ShadowRow()).Single(m => m.Metric == "auc");
        var matrix = Matrix(2).Single(m => m.Metric == "auc");
        Assert.Multiple(() =>
        {
            Assert.That(shadow.Unit, Is.EqualTo(matrix.Unit).And.EqualTo("%"));
            Assert.That(shadow.Value, Is.EqualTo(91.664528).Within(1e-9));
            Assert.That(matrix.Value, Is.EqualTo(91.664528).Within(1e-9));
        });
    }

    [Test]
    public void ShadowAttack_EveryMetricOfTheRow_OneMeasurementInItsUnit()
    {
        var rows = Shadow(ShadowRow(new("tpr@0.1%fpr", 1.5), new("tpr@1%fpr", 7.92), new("f1", 0.6509)));
        Assert.That(rows.Where(m => m.Attack.Length > 0).Select(m => (m.Metric, m.Value, m.Unit)),
            Is.EqualTo(new[] { ("tpr@0.1%fpr", 1.5, "%"), ("tpr@1%fpr", 7.92, "%"), ("f1", 0.6509, "fraction") }));
    }

    [Test]
    public void ShadowAttack_MetricNoRegistryKnows_FailsWhenTabled() =>
        Assert.Throws<ArgumentException>(() => new MeasurementTable().AddRange(Shadow(ShadowRow(new MetricValue("tpr-at-1pct-fpr", 7.92)))));

    [Test]
    public void ShadowAttackRow_MetricItDoesNotHold_ErrorNamesThoseItHolds()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = ShadowRow()["f1"])!;
        Assert.That(e.Message, Does.Contain("no metric 'f1'").And.Contain("optimistic-accuracy"));
    }

    [Test]
    public void ShadowAttack_UnseenClassAccuracies_RowsOnlyWhereMeasured()
    {
        var rows = Shadow(ShadowRow(), Target with { ShadowUnseenClassAccuracy = 82.5, TargetUnseenClassAccuracy = 97.5 });
        Assert.That(rows.Single(m => m.Metric == "shadow-unseen-class-accuracy").Value, Is.EqualTo(82.5));
        Assert.That(rows.Single(m => m.Metric == "target-unseen-class-accuracy").Unit, Is.EqualTo("%"));
        Assert.That(Shadow(ShadowRow()).Where(m => m.Metric.EndsWith("unseen-class-accuracy", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ShadowAttack_L2AndDistillation_JoinedDefenseWithBothFacets()
    {
        var variant = ShadowVariant("both");
        variant.Training.L2.Lambda = 0.01;
        variant.ShadowAttack.Release = null;
        variant.ShadowAttack.Distillation = new() { Temperature = 20 };
        var row = ShadowAttackMeasurements.From(Preeti, [variant], [], [ShadowRow() with { Variant = "both", Attack = "loss" }]).First();
        Assert.That((row.Attack, row.Defense, row.Facets.ToString()), Is.EqualTo(("loss-threshold", "l2 + distillation", "lambda=0.01, temperature=20")));
    }

    static List<Measurement> Matrix(int seed)
    {
        var spec = new ExperimentSpec { Variant = "as-written", Model = new() { Type = "LeNet5" }, Seeds = [seed, seed + 1] };
        spec.DefenseMatrix.Defenses = [new DefenseSpec { Name = "top-k", K = 1 }];
        var one = (double v) => Stat.Of([v]);
        DefenseMatrixCell[] cells =
        [
            new("as-written", "top-1", "kde", [new("tpr@0.1%fpr", one(0.5)), new("tpr@1%fpr", one(2.7)), new("accuracy", one(71.75)), new("advantage", one(43.5)), new("auc", one(91.664528))]),
            new("as-written", "top-1", "ccr", [], "constant losses"),
        ];
        return DefenseMatrixMeasurements.From(new("bindila2021", "defense-matrix"), [spec], [new DefenseUtility("as-written", "top-1", 95.256, 50.95)], cells).ToList();
    }

    [Test]
    public void DefenseMatrix_FirstSeedKdeFacetsAndNotApplicableCellsGiveNoRows()
    {
        var rows = Matrix(2);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Seed).Distinct(), Is.EqualTo(new int?[] { 2 }));
            Assert.That(rows.Count(r => r.Attack != ""), Is.EqualTo(5));
            Assert.That(rows.Where(m => m.Metric.StartsWith("tpr@", StringComparison.Ordinal)).Select(m => (m.Metric, m.Value)),
                Is.EquivalentTo(new[] { ("tpr@0.1%fpr", 0.5), ("tpr@1%fpr", 2.7) }));
            var advantage = rows.Single(r => r.Metric == "advantage");
            Assert.That(advantage.Attack, Is.EqualTo("kde"));
            Assert.That(advantage.Facets.ToString(), Is.EqualTo("top=1, evaluation=held-out, loss=cross-entropy, leak=8"));
            Assert.That(rows.Single(r => r.Metric == "test-accuracy").Defense, Is.EqualTo("top-k"));
            Assert.That(rows.Single(r => r.Metric == "test-accuracy").Facets.ToString(), Is.EqualTo("top=1"));
        });
    }

    /// <summary>An evaluation whose every metric is <paramref name="trials"/>.</summary>
    static KdeEvaluation Evaluation(Stat trials) => new(
        new[] { "accuracy", "tpr", "fpr", "tp-share", "fp-share", "auc", "tpr@1%fpr", "fpr-floor", "fpr-floor-share" }.Select(m => new MetricStat(m, trials)).ToList(),
        new MeanConfusion(1, 1, 1, 1));

    [Test]
    public void KdeLeak_TrialsSplitIntoSeedMeans_TargetsPerSeed()
    {
        var variants = new[] { new ExperimentSpec { Variant = "as-coded", Model = new() { Type = "LeNet5" } } };
        var trials = Stat.Of([60, 70, 60, 60]);
        var evaluation = Evaluation(trials);
        var row = KdeLeakRow.Of("as-coded", 0.01, "cross-entropy", 1, evaluation, evaluation, [0.4, 0.6, 0.5, 0.5], [0.1, 0.1, 0.1, 0.1]) with { Seeds = [0, 1] };
        var scope = new ClaimScope("bindila2021", "kde-l2-defense");
        var rows = SweepMeasurements.Targets(scope, variants, [new SweepCell("as-coded", 0.01, 0, 64, 62, [], false), new SweepCell("as-coded", 0.01, 1, 66, 61, [], false)])
            .Concat(KdeLeakMeasurements.From(scope, variants, [row])).ToList();
        var accuracy = rows.Where(r => r.Metric == "accuracy" && r.Attack == "kde" && r.Facets["evaluation"] == "held-out").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(accuracy.Select(r => (r.Seed, r.Value)), Is.EqualTo(new (int?, double)[] { (0, 65), (1, 60) }));
            Assert.That(rows.Where(r => r.Metric == "wasserstein").Select(r => r.Value), Is.EqualTo(new[] { 0.5, 0.5 }));
            Assert.That(rows.Where(r => r.Metric == "gap").Select(r => r.Value), Is.EqualTo(new[] { 2.0, 5.0 }));
            Assert.That(rows.First(r => r.Metric == "gap").Defense, Is.EqualTo("l2"));
            Assert.That(accuracy[0].Facets.ToString(), Is.EqualTo("lambda=0.01, evaluation=held-out, loss=cross-entropy, leak=1"));
            Assert.That(rows.First(r => r.Metric == "wasserstein").Facets.ToString(), Is.EqualTo("lambda=0.01, loss=cross-entropy, leak=1"));
        });
    }

    [Test]
    public void KdeLeak_TrialsNotSplittingOverSeeds_Throws()
    {
        var trials = Stat.Of([60, 70, 60]);
        var evaluation = Evaluation(trials);
        var row = KdeLeakRow.Of("v", 0, "cross-entropy", 1, evaluation, evaluation, trials.Values, trials.Values) with { Seeds = [0, 1] };
        Assert.Throws<InvalidOperationException>(() => KdeLeakMeasurements.From(new("p", "c"), [new ExperimentSpec { Variant = "v" }], [row]).ToList());
    }

    static readonly ClaimScope Carlini = new("carlini2022", "lira-vs-loss-low-fpr");
    const string Pool = "pool 2000, 8 models";

    static List<Measurement> Lira(IEnumerable<LiraAttackRow> rows, IEnumerable<LiraHeavyTailRow>? tail = null, IEnumerable<LiraRunner.Member>? members = null) =>
        LiraMeasurements.From(Carlini, "default", Pool, members ?? [], rows, tail ?? []).ToList();

    [Test]
    public void Lira_Attacks_RowsInPercentWithVarianceReferencesAndKeepAsFacets()
    {
        var rows = Lira([
            new(0, "lira-online", null, "true", [new("auc", 82.5), new("tpr@0.1%fpr", 2.9), new("tpr@1%fpr", 12)]) { Variance = LiraVariance.Global },
            new(0, "lira-online", 4, "true", [new("auc", 80), new("tpr@0.1%fpr", 3.2)]) { Variance = LiraVariance.Global },
            new(0, "loss-threshold", null, "shuffled", [new("auc", 50.1), new("tpr@0.1%fpr", 0.1)]),
        ]).Select(r => (r.Variant, r.Seed, r.Target, r.Attack, r.Defense, Facets: r.Facets.ToString(), r.Metric, r.Value, r.Unit)).ToList();
        const string all = "targets=leave-one-out, keep=real, variance=global, references=all", k4 = "targets=leave-one-out, keep=real, variance=global, references=4";
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("default", (int?)0, Pool, "lira-online", "none", all, "auc", 82.5, "%"),
            ("default", (int?)0, Pool, "lira-online", "none", all, "tpr@0.1%fpr", 2.9, "%"),
            ("default", (int?)0, Pool, "lira-online", "none", all, "tpr@1%fpr", 12.0, "%"),
            ("default", (int?)0, Pool, "lira-online", "none", k4, "auc", 80.0, "%"),
            ("default", (int?)0, Pool, "lira-online", "none", k4, "tpr@0.1%fpr", 3.2, "%"),
            ("default", (int?)0, Pool, "loss-threshold", "none", "targets=leave-one-out, keep=shuffled", "auc", 50.1, "%"),
            ("default", (int?)0, Pool, "loss-threshold", "none", "targets=leave-one-out, keep=shuffled", "tpr@0.1%fpr", 0.1, "%"),
        }));
    }

    [Test]
    public void Lira_Members_MeanAccuracyPerSeed()
    {
        var utility = Lira([], members: [new(0, 0, 80, 30), new(0, 1, 70, 40)]).Select(r => (r.Metric, r.Value)).ToList();
        Assert.That(utility, Is.EqualTo(new[] { ("train-accuracy", 75.0), ("test-accuracy", 35.0) }));
    }

    /// <summary>Members trained with DP-SGD (a privacy-utility run): every row is defense dp-sgd with the budget as facet
    /// epsilon, and each seed's accountant ε is a row; at ε = ∞ (σ = 0) the facet says inf and no ε row is written.</summary>
    [Test]
    public void Lira_DpSgdMembers_DefenseDpSgdWithEpsilonFacet_AndTheSpentEpsilonPerSeed()
    {
        var attack = new LiraAttackRow(0, "lira-online", null, "true", [new("tpr@1%fpr", 1.5)]) { Variance = LiraVariance.Global };
        var budget = LiraMeasurements.From(Carlini, "eps1", Pool, [new(0, 0, 30, 25, 0.9999), new(0, 1, 32, 26, 0.9999)], [attack], [],
            new ExperimentSpec { Training = new() { Dp = new() { Epsilon = 1 } } }).Select(r => (r.Defense, Facets: r.Facets.ToString(), r.Metric, r.Value)).ToList();
        Assert.That(budget, Is.EqualTo(new[]
        {
            ("dp-sgd", "epsilon=1", "train-accuracy", 31.0),
            ("dp-sgd", "epsilon=1", "test-accuracy", 25.5),
            ("dp-sgd", "epsilon=1", "epsilon-claimed", 0.9999),
            ("dp-sgd", "targets=leave-one-out, keep=real, variance=global, references=all, epsilon=1", "tpr@1%fpr", 1.5),
        }));
        var none = LiraMeasurements.From(Carlini, "inf", Pool, [new(0, 0, 90, 80, double.PositiveInfinity)], [], [], new ExperimentSpec { Training = new() { Dp = new() } }).ToList();
        Assert.That(none.Select(r => (r.Defense, r.Facets.ToString(), r.Metric)),
            Is.EqualTo(new[] { ("dp-sgd", "epsilon=inf", "train-accuracy"), ("dp-sgd", "epsilon=inf", "test-accuracy") }));
    }

    [Test]
    public void Lira_HeavyTail_RowsPerFprWithNullAndPAndTheControlAsAKeepFacet()
    {
        LiraHeavyTailRow Tail(string keep, double fpr, int tp, Concentration top, Concentration half) =>
            new(0, "lira-online", keep, fpr, tp, 8000, 20, top, half, 1000, [1800, 200], [1.5, null], [tp / 2, tp / 2]) { Variance = LiraVariance.Global };
        var rows = Lira([], [Tail("true", 0.001, 240, new(30, 12.5, 15, 0.000999), new(60, 9, 11, 0.000999)),
                Tail("shuffled", 0.01, 80, new(25, 25, 25, 1), new(2.5, 3, 7.5, 0.6))])
            .Select(r => (r.Facets["keep"], r.Facets["references"], r.Metric, r.Value, r.Unit)).ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("real", "all", "tp-count@0.1%fpr", 240.0, "pairs"),
            ("real", "all", "tp-share-top-1pct@0.1%fpr", 30.0, "%"),
            ("real", "all", "tp-share-top-1pct-null@0.1%fpr", 12.5, "%"),
            ("real", "all", "tp-share-top-1pct-null-q99@0.1%fpr", 15.0, "%"),
            ("real", "all", "tp-share-top-1pct-p@0.1%fpr", 0.000999, "p-value"),
            ("real", "all", "tp-share-half-detected@0.1%fpr", 60.0, "%"),
            ("real", "all", "tp-share-half-detected-null@0.1%fpr", 9.0, "%"),
            ("real", "all", "tp-share-half-detected-null-q99@0.1%fpr", 11.0, "%"),
            ("real", "all", "tp-share-half-detected-p@0.1%fpr", 0.000999, "p-value"),
            ("shuffled", "all", "tp-count@1%fpr", 80.0, "pairs"),
            ("shuffled", "all", "tp-share-top-1pct@1%fpr", 25.0, "%"),
            ("shuffled", "all", "tp-share-top-1pct-null@1%fpr", 25.0, "%"),
            ("shuffled", "all", "tp-share-top-1pct-null-q99@1%fpr", 25.0, "%"),
            ("shuffled", "all", "tp-share-top-1pct-p@1%fpr", 1.0, "p-value"),
            ("shuffled", "all", "tp-share-half-detected@1%fpr", 2.5, "%"),
            ("shuffled", "all", "tp-share-half-detected-null@1%fpr", 3.0, "%"),
            ("shuffled", "all", "tp-share-half-detected-null-q99@1%fpr", 7.5, "%"),
            ("shuffled", "all", "tp-share-half-detected-p@1%fpr", 0.6, "p-value"),
        }));
    }

    [Test]
    public void Lira_FittedA_MeanOverTargetsBesideTheAttacksAuc()
    {
        var roc = RocCurve.From(new MembershipScores([0.9, 0.1], [true, false]));
        var rows = Lira([LiraAttackRow.Of(0, new MiaRepro.Attacks.LikelihoodRatio.AttackScores("rmia-offline", new([0.9, 0.1], [true, false])) { FittedA = [0.2, 0.4, 0.3, 0.5] }, null, "true", roc, [])]);
        Assert.That(rows.Select(r => (r.Attack, A: r.Facets["a"], r.Metric, r.Unit)), Is.EqualTo(new[] { ("rmia-offline", "fitted", "auc", "%"), ("rmia-offline", "fitted", "fitted-a", "fraction") }));
        Assert.That(rows[1].Value, Is.EqualTo(0.35).Within(1e-12));
    }

    [Test]
    public void Committed_AllTables_AucInPercentEverywhere()
    {
        // An AUC below 10% would be a [0, 1] value left unconverted (no attack here is that far below chance).
        var auc = Directory.EnumerateFiles(Path.Combine(TestEnvironment.Settings.Root, "results"), MeasurementTable.FileName, SearchOption.AllDirectories)
            .SelectMany(p => MeasurementTable.Read(p).Rows).Where(m => m.Metric == "auc").ToList();
        Assert.That(auc, Is.Not.Empty);
        Assert.That(auc.Select(m => m.Value), Is.All.InRange(10.0, 100.0));
    }
}
