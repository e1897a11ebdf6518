using MiaRepro.Experiments;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

[TestFixture]
public sealed class ExperimentLoaderTests
{
    const string Base = """
        {
          "paper": "p", "claim": "c", "testName": "P_C", "kind": "l2-sweep", "dataset": "cifar10",
          "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 } },
          "training": { "epochs": 10, "batchSize": 32 },
          "seeds": [ 0 ], "lambdas": [ 0, 0.01 ],
          "checks": [ { "what": "the target overfits", "type": "at-least", "of": { "metric": "gap", "lambda": "0" }, "each": [ "variant" ], "value": 0, "control": { "of": { "lambda": "0.01" }, "why": "the L2 target, which does not overfit" } } ],
          "variants": { "a": { "model": { "pooling": "average" } }, "b": { "model": { "pooling": "max" }, "training": { "epochs": 20 } } },
          "profiles": { "smoke": { "training": { "epochs": 2 }, "seeds": [ 0, 1, 2 ] }, "paper": {} }
        }
        """;

    /// <summary>Base's checks line, for cases that replace it.</summary>
    static readonly string Checks = Base.Split('\n').Single(l => l.TrimStart().StartsWith("\"checks\"", StringComparison.Ordinal)).Trim();

    static string Write(TempFolder t, string json, string name = "c.json")
    {
        File.WriteAllText(t[name], json);
        return t[name];
    }

    [Test]
    public void Load_Layers_VariantThenProfile_ArraysReplace()
    {
        using var t = TestEnvironment.Temp();
        var specs = ExperimentLoader.Load(Write(t, Base), "smoke");
        Assert.That(specs.Select(s => s.Variant), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(specs.Select(s => s.Model.Pooling), Is.EqualTo(new[] { "average", "max" }));
        Assert.That(specs.Select(s => s.Training.Epochs), Is.All.EqualTo(2), "the profile is applied after the variant");
        Assert.That(specs[0].Seeds, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(ExperimentLoader.Load(t["c.json"], "paper")[1].Training.Epochs, Is.EqualTo(20));
    }

    [Test]
    public void Load_VariantFilter_KeepsOnlyTheNamedVariants()
    {
        using var t = TestEnvironment.Temp();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["VARIANTS"] = " b " }).Build();
        var specs = ExperimentLoader.Load(Write(t, Base), "paper", config);
        Assert.That(specs.Select(s => s.Variant), Is.EqualTo(new[] { "b" }));
        Assert.That(specs[0].Training.Epochs, Is.EqualTo(20));
    }

    [Test]
    public void Load_VariantFilter_UnknownVariant_NamesTheKeyAndTheVariantsThereAre()
    {
        using var t = TestEnvironment.Temp();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["VARIANTS"] = "b,ds15000" }).Build();
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, Base), "paper", config))!;
        Assert.That(e.Message, Does.Contain("'ds15000'").And.Contain("MIAREPRO_VARIANTS").And.Contain("It has: a, b"));
    }

    [Test]
    public void VariantFilter_NoNames_ClearError()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["VARIANTS"] = " , " }).Build();
        Assert.That(Assert.Throws<ExperimentException>(() => ExperimentLoader.VariantFilter(config))!.Message, Does.Contain("names no variant"));
    }

    [Test]
    public void PartialRun_RefusedIntoTheRepositoryResults_NotIntoASibling()
    {
        using var t = TestEnvironment.Temp();
        bool Into(string results) => ClaimRunner.WritesIntoRepositoryResults(MiaReproSettings.Load(["--root", t.Path, "--results", results]));
        Assert.That(Into(Path.Combine(t.Path, "results")), Is.True);
        Assert.That(Into(Path.Combine(t.Path, "results", "paper-cpu")), Is.True);
        Assert.That(Into(Path.Combine(t.Path, "results-probe")), Is.False);
        Assert.That(Into(Path.Combine(t.Path, "..", "probe")), Is.False);
    }

    [Test]
    public void Load_ProfileVariantLayer_ScalesEachVariantAfterTheProfile()
    {
        using var t = TestEnvironment.Temp();
        var json = Base.Replace("\"smoke\": { \"training\": { \"epochs\": 2 }, \"seeds\": [ 0, 1, 2 ] }",
            "\"smoke\": { \"training\": { \"epochs\": 2 }, \"seeds\": [ 0, 1, 2 ], \"variants\": { \"b\": { \"training\": { \"epochs\": 5 } } } }");
        var specs = ExperimentLoader.Load(Write(t, json), "smoke");
        Assert.That(specs.Select(s => s.Training.Epochs), Is.EqualTo(new[] { 2, 5 }));
    }

    [Test]
    public void Load_ShadowAttack_ShadowsOnTheTargetsData_NamesTheKey()
    {
        using var t = TestEnvironment.Temp();
        var json = """
            {
              "paper": "p", "claim": "c", "testName": "P_C", "kind": "shadow-attack", "dataset": "mnist", "seeds": [ 0 ],
              "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 }, "shadowOut": { "from": "test", "size": 50 } },
              "shadows": { "count": 2, "size": 10, "inFrom": "members", "outFrom": "shadowOut" },
              "shadowAttack": { "attacks": [ "shadow" ] },
              "profiles": { "smoke": {} }
            }
            """;
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, json), "smoke"))!;
        Assert.That(e.Message, Does.Contain("shadows:inFrom").And.Contain("target's own data"));
        e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, json.Replace("\"inFrom\": \"members\"", "\"inFrom\": \"shadowOut\"").Replace("[ \"shadow\" ]", "[ \"lira\" ]")), "smoke"))!;
        Assert.That(e.Message, Does.Contain("shadowAttack:attacks:0 'lira' is unknown"));
    }

    [TestCase("{ \"name\": \"l2\", \"lambda\": 0.01 }", "shadowAttack:release:name 'l2' is not an output defense")]
    [TestCase("{ \"name\": \"top-k\", \"k\": 0 }", "shadowAttack:release:k")]
    [TestCase("{ \"name\": \"distillation\", \"temperature\": 20 }", "distillation is shadowAttack:distillation")]
    [TestCase("{ \"name\": \"top-k\", \"k\": 1 }, \"distillation\": { \"temperature\": 0 }", "shadowAttack:distillation:temperature must be a finite number > 0")]
    public void Load_ShadowAttack_ReleaseNotAnOutputDefense_NamesTheKey(string release, string expected)
    {
        using var t = TestEnvironment.Temp();
        var json = $$"""
            {
              "paper": "p", "claim": "c", "testName": "P_C", "kind": "shadow-attack", "dataset": "mnist", "seeds": [ 0 ],
              "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 }, "shadowIn": { "from": "train", "size": 50 }, "shadowOut": { "from": "test", "size": 50 } },
              "shadows": { "count": 2, "size": 10, "inFrom": "shadowIn", "outFrom": "shadowOut" },
              "shadowAttack": { "attacks": [ "shadow" ], "release": {{release}} },
              "profiles": { "smoke": {} }
            }
            """;
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, json), "smoke"))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    /// <summary>l-Leaks' bad input is refused when the file loads, before any model trains (the spec's own cases:
    /// ShadowConstructionSpecTests).</summary>
    [TestCase("{ \"kind\": \"mi-softmax\", \"temperature\": 0 }", "", "shadows:construction:temperature must be a finite number > 0")]
    [TestCase("{ \"kind\": \"mi-softmax\", \"temperature\": 20, \"alpha\": 0, \"beta\": 0 }", "", "alpha = beta = 0 leaves the shadow no loss")]
    [TestCase("{ \"kind\": \"mi-softmax\", \"temperature\": 20, \"release\": \"probabilities\" }", ", \"release\": { \"name\": \"label-only\" }", "the target releases labels only")]
    public void Load_ShadowAttack_BadConstruction_NamesTheKey(string construction, string release, string expected)
    {
        using var t = TestEnvironment.Temp();
        var json = $$"""
            {
              "paper": "p", "claim": "c", "testName": "P_C", "kind": "shadow-attack", "dataset": "mnist", "seeds": [ 0 ],
              "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 }, "shadowPool": { "from": "train", "size": 40 } },
              "shadows": { "count": 1, "size": 10, "inFrom": "shadowPool", "outFrom": "shadowPool", "construction": {{construction}} },
              "shadowAttack": { "attacks": [ "shadow" ]{{release}} },
              "profiles": { "smoke": {} }
            }
            """;
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, json), "smoke"))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    /// <summary>Li et al.'s Table 4: shadows:model names the shadows' own architecture; a type no model has is refused
    /// with its key when the file loads.</summary>
    [TestCase("{ \"type\": \"SmallVgg\" }", null)]
    [TestCase("{ \"type\": \"VGG16\" }", "shadows:model:type 'VGG16' is unknown")]
    public void Load_ShadowAttack_ShadowModel_ParsedOrNamesTheKey(string model, string? expected)
    {
        using var t = TestEnvironment.Temp();
        var json = $$"""
            {
              "paper": "p", "claim": "c", "testName": "P_C", "kind": "shadow-attack", "dataset": "mnist", "seeds": [ 0 ], "asserted": false,
              "split": { "members": { "from": "train", "size": 100 }, "nonMembers": { "from": "test", "size": 50 }, "shadowPool": { "from": "train", "size": 40 } },
              "shadows": { "count": 1, "size": 10, "inFrom": "shadowPool", "outFrom": "shadowPool", "model": {{model}} },
              "shadowAttack": { "attacks": [ "shadow" ] },
              "checks": [ { "what": "f1", "type": "measured", "of": { "metric": "f1" } } ],
              "profiles": { "smoke": {} }
            }
            """;
        if (expected is null)
        {
            var spec = ExperimentLoader.Load(Write(t, json), "smoke")[0];
            Assert.That((spec.Shadows.Model?.Type, spec.Model.Type), Is.EqualTo(("SmallVgg", "LeNet5")));
            return;
        }
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, json), "smoke"))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void Load_Overrides_ReplaceWholeValues()
    {
        using var t = TestEnvironment.Temp();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Override:lambdas"] = "[0.1]", ["Override:training:epochs"] = "5",
        }).Build();
        var spec = ExperimentLoader.Load(Write(t, Base), "paper", config)[0];
        Assert.That(spec.Lambdas, Is.EqualTo(new[] { 0.1 }));
        Assert.That(spec.Training.Epochs, Is.EqualTo(5));
    }

    [Test]
    public void Load_Extends_MergesTheSharedBase()
    {
        using var t = TestEnvironment.Temp();
        Write(t, Base, "_base.json");
        var spec = ExperimentLoader.Load(Write(t, """{ "extends": "_base.json", "claim": "other", "testName": "P_Other" }"""), "paper")[0];
        Assert.That((spec.Claim, spec.Lambdas.Length), Is.EqualTo(("other", 2)));
    }

    [Test]
    public void Load_ExtendsList_LayersTheBasesInOrderThenTheClaim()
    {
        using var t = TestEnvironment.Temp();
        Write(t, Base, "_base.json");
        Write(t, """{ "lambdas": [ 0.5 ], "training": { "epochs": 7, "batchSize": 3 } }""", "_design.json");
        var spec = ExperimentLoader.Load(Write(t, """{ "extends": [ "_base.json", "_design.json" ], "claim": "other", "testName": "P_Other", "training": { "batchSize": 9 } }"""), "paper")[0];
        Assert.That((spec.Claim, spec.Lambdas.Single(), spec.Training.Epochs, spec.Training.BatchSize), Is.EqualTo(("other", 0.5, 7, 9)));
    }

    static IEnumerable<TestCaseData> BadFiles()
    {
        yield return new TestCaseData("{ \"paper\": \"p\", ", "malformed JSON at line").SetName("Load_MalformedJson_SaysWhere");
        yield return new TestCaseData(Base.Replace("\"batchSize\"", "\"batchSzie\""), "batchSzie").SetName("Load_UnknownKey_NamesIt");
        yield return new TestCaseData(Base.Replace("\"epochs\": 2 }", "\"epochs\": 0 }"), "training:epochs").SetName("Load_ZeroEpochs_NamesTheKey");
        yield return new TestCaseData(Base.Replace("\"from\": \"test\"", "\"from\": \"validation\""), "split:nonMembers:from").SetName("Load_UnknownSplitSource_NamesTheKey");
        yield return new TestCaseData(Base.Replace("\"lambdas\": [ 0, 0.01 ]", "\"lambdas\": [ 0, -1 ]"), "lambdas").SetName("Load_NegativeLambda_NamesTheKey");
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", "\"kind\": \"rmia\""), "kind 'rmia'").SetName("Load_UnknownKind_NamesIt");
        yield return new TestCaseData("""{ "extends": "_missing.json" }""", "_missing.json").SetName("Load_MissingBase_NamesIt");
        yield return new TestCaseData("""{ "extends": [ "_missing.json" ] }""", "_missing.json").SetName("Load_MissingBaseInAList_NamesIt");
        yield return new TestCaseData("""{ "extends": [] }""", "extends is an empty list").SetName("Load_EmptyExtendsList_NamesTheKey");
        yield return new TestCaseData(Base.Replace(Checks, "").Replace("\"kind\": \"l2-sweep\"", "\"kind\": \"kde-leak\", \"attack\": { \"losses\": [ \"cross-entropy\" ], \"leakPercents\": [ 4 ], \"trials\": 2 }, " +
            "\"checks\": [ { \"what\": \"x\", \"type\": \"near\", \"of\": { \"metric\": \"tp-share\", \"variant\": \"as-wirtten\" }, \"paper\": 40, \"band\": 3 } ]"),
            "checks:0: variant 'as-wirtten'").SetName("Load_Check_UnknownVariant_NamesTheKey");
        foreach (var (check, expected, name) in BadChecks)
            yield return new TestCaseData(Base.Replace("\"checks\": [", $"\"checks\": [ {check},"), expected).SetName($"Load_Check_{name}");
        yield return new TestCaseData(Base.Replace(Checks, "\"checks\": [ { \"what\": \"x\", \"type\": \"at-least\", \"of\": { \"metric\": \"gap\" }, \"value\": 0 } ],"), "checks:0:control is required")
            .SetName("Load_ClaimWithoutAControl_SaysWhatToAdd");
        yield return new TestCaseData(Base.Replace(Checks, "\"checks\": [],"), "checks is empty")
            .SetName("Load_AssertedWithoutChecks_SaysWhatToDo");
        const string matrix = "\"kind\": \"defense-matrix\", \"asserted\": false, \"defenseMatrix\": { \"attacks\": [ \"kde\" ], \"defenses\": ";
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", matrix + "[ { \"name\": \"none\" }, { \"name\": \"rounding\", \"decimals\": -1 } ] }"),
            "defenseMatrix:defenses:1:decimals").SetName("Load_DefenseMatrix_BadDecimals_NamesTheKey");
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", matrix + "[ { \"name\": \"none\" }, { \"name\": \"top-k\", \"k\": 0 } ] }"),
            "defenseMatrix:defenses:1:k").SetName("Load_DefenseMatrix_ZeroK_NamesTheKey");
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", matrix + "[ { \"name\": \"l2\", \"lambda\": 0.01 } ] }"),
            "must start with").SetName("Load_DefenseMatrix_NoUndefendedRow_SaysSo");
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", matrix + "[ { \"name\": \"none\" }, { \"name\": \"dropout\" } ] }"),
            "defenseMatrix:defenses:1:name 'dropout'").SetName("Load_DefenseMatrix_UnknownDefense_NamesIt");
        yield return new TestCaseData(Base.Replace("\"kind\": \"l2-sweep\"", matrix + "[ { \"name\": \"none\" }, { \"name\": \"distillation\" } ] }"),
            "defenseMatrix:defenses:1:temperature").SetName("Load_DefenseMatrix_NoTemperature_NamesTheKey");
    }

    static readonly (string Check, string Expected, string Name)[] BadChecks =
    [
        ("""{ "what": "x", "type": "about", "of": { "metric": "gap" } }""", "checks:0:type 'about' is unknown", "UnknownType_ListsTheTypes"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gap", "colour": "red" }, "value": 0 }""", "'colour' is not a facet", "UnknownFacet_ListsTheFacets"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gapp" }, "value": 0 }""", "Metric 'gapp' has no unit", "UnknownMetric_ListsTheMetrics"),
        ("""{ "what": "x", "type": "at-least", "of": { "lambda": "0" }, "value": 0 }""", "checks:0:of:metric is required", "NoMetric_NamesTheKey"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "examples": 100 }""", "checks:0:paper", "NearWithoutPaper_NamesTheKey"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "band": 3 }""", "takes no band, bandRule or effect", "NearWithAHandSetBand_IsRejected"),
        ("""{ "what": "x", "type": "decreasing", "of": { "metric": "gap" } }""", "needs either along", "TrendWithoutAxis_SaysWhatItNeeds"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gap" }, "value": 0, "control": { "of": { "lambda": "0.01" }, "mustFail": "some" } }""",
            "checks:0:control:mustFail 'some'", "BadControl_NamesTheKey"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "deviation": { "measured": 30 } }""",
            "checks:0:deviation:reason is required", "DeviationWithoutReason_NamesTheKey"),
        ("""{ "what": "≈ chance", "type": "within", "of": { "metric": "gap" }, "value": 0, "band": 6, "effect": 5 }""",
            "takes no band, bandRule or effect", "WithinWithABandAndEffect_IsRejected"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "bandRule": { "k": "2", "seedSd": "1", "seeds": "3", "source": "s" } }""",
            "takes no band, bandRule or effect", "BandRule_IsRejected"),
        ("""{ "what": "x", "type": "increasing", "of": { "metric": "gap" }, "along": "lambda", "band": 1 }""", "takes no band or sigmas", "OrderingWithABand_IsRejected"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "alternative": { "value": 40, "source": "s" } }""",
            "alternative needs a source and a value other than", "AlternativeEqualToPaper_IsRejected"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gap" }, "value": 0, "control": { "constant": 0, "why": "w" } }""",
            "checks:0:control:constant is gone", "ConstantControl_IsRejected_ControlsAreMeasured"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gap" }, "value": 30, "control": { "none": "n" } }""",
            "checks:0:value 30 is a threshold the paper does not state", "ThresholdThePaperDoesNotState_IsRejected"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "auc", "attack": "loss-treshold" }, "value": 0, "control": { "none": "n" } }""",
            "checks:0:attack 'loss-treshold' names no attack a run measures", "UnknownAttack_NamesTheKnown"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "accuracy", "loss": "cross-entrpy" }, "value": 0, "control": { "none": "n" } }""",
            "checks:0:loss 'cross-entrpy' is unknown: loss (the KDE attack's loss) takes loss, confidence,", "UnknownFacetValue_NamesTheKnown"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "auc", "attack": "lira-online", "references": "every" }, "value": 0, "control": { "none": "n" } }""",
            "checks:0:references 'every' is unknown: references (reference models per example (all: every other model)) takes a number or all", "FacetWordUnknown_NamesTheNumberAndWords"),
        ("""{ "what": "x", "type": "at-least", "of": { "metric": "gap", "lambda": "O.01" }, "value": 0, "control": { "none": "n" } }""",
            "checks:0:lambda 'O.01' is unknown: lambda (the target's L2 weight λ (0: trained without)) takes a number", "NumericFacetNotANumber_NamesTheKey"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "deviation": { "measured": 30, "band": 2, "reason": "r" } }""",
            "checks:0:deviation:band is gone", "DeviationWithABand_IsRejected"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "each": [ "variant" ], "paper": 40, "deviations": [ { "measured": 30, "reason": "r", "of": { "loss": "x" } } ] }""",
            "checks:0:deviation:of:loss is not one of the check's each facets", "DeviationForALineOfNoEachFacet_NamesTheKey"),
        ("""{ "what": "x", "type": "near", "of": { "metric": "gap" }, "paper": 40, "deviations": [ { "measured": 30, "reason": "r" }, { "measured": 31, "reason": "r" } ] }""",
            "two records for profile paper", "TwoDeviationRecordsForOneLine_AreRejected"),
        ("""{ "what": "x", "type": "flat", "of": { "metric": "gap" }, "along": "lambda", "band": 3 }""",
            "takes no band, bandRule or effect", "FlatWithABand_IsRejected"),
        ("""{ "what": "x", "type": "flat", "of": { "metric": "gap" }, "along": "lambda" }""",
            "checks:0:alternative is required for 'flat'", "FlatWithoutAlternative_NamesTheKey"),
    ];

    [TestCaseSource(nameof(BadFiles))]
    public void Load_BadFile_ThrowsNamingTheProblem(string json, string expected)
    {
        using var t = TestEnvironment.Temp();
        var path = Write(t, json);
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(path, "smoke"))!;
        Assert.That(e.Message, Does.Contain(expected).And.Contain(path));
    }

    [Test]
    public void Load_UnknownProfile_ListsTheProfiles()
    {
        using var t = TestEnvironment.Temp();
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Write(t, Base), "nightly"))!;
        Assert.That(e.Message, Does.Contain("profiles:nightly").And.Contain("smoke, paper"));
    }

    [Test]
    public void Settings_UnknownProfileOrBadThreads_NamesTheVariable()
    {
        Assert.That(Assert.Throws<ExperimentException>(() => MiaReproSettings.Load(["--profile", "fast"]))!.Message, Does.Contain("MIAREPRO_PROFILE"));
        Assert.That(Assert.Throws<ExperimentException>(() => MiaReproSettings.Load(["--threads", "two"]))!.Message, Does.Contain("MIAREPRO_THREADS"));
    }

    /// <summary>Every committed experiment resolves under every profile it names: a typo fails here, not in a long run.</summary>
    [Test]
    public void RepositoryExperiments_AllLoadUnderEveryProfile()
    {
        var files = ExperimentLoader.Discover(TestEnvironment.Settings.Experiments);
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        foreach (var profile in new[] { "smoke", "paper", "paper-cpu" })
            Assert.That(ExperimentLoader.Load(file, profile), Is.Not.Empty, $"{file} @ {profile}");
    }

    /// <summary>A base's variants reach every claim that extends it: Preeti's data-size sweep lives in its own claim, so the
    /// L2-mitigation claim (same base) trains its two variants, not the sweep's four as well (it once did).</summary>
    [Test]
    public void RepositoryExperiments_Preeti2022Cifar10Claims_OwnTheirVariants()
    {
        string[] Variants(string claim) => ExperimentLoader.Load(
            Path.Combine(TestEnvironment.Settings.Experiments, "preeti2022", $"{claim}.json"), "smoke").Select(s => s.Variant).ToArray();
        Assert.That(Variants("cifar10-l2-mitigation"), Is.EqualTo(new[] { "no-l2", "l2" }));
        Assert.That(Variants("cifar10-ds-sweep"), Is.EqualTo(new[] { "ds2500", "ds5000", "ds10000", "ds15000" }));
    }
}
