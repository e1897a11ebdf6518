using MiaRepro.Attacks;
using MiaRepro.Attacks.AttackModels;
using MiaRepro.Data;
using MiaRepro.Runtime;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>
/// The shadow-model attack on synthetic outputs where membership is visible (members' true-class logit is larger):
/// per-class attack models learn it from shadows and find it in the target; features are what they say.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class ShadowModelAttackTests
{
    [OneTimeSetUp]
    public void LoadTorch() => TorchRuntime.EnsureInitialized();

    /// <summary>n examples over 3 classes; the true class's logit is +4 for members, +0.5 for non-members, plus noise.</summary>
    static LabelledData Outputs(int n, bool members, int seed)
    {
        var g = new Generator((ulong)seed);
        var labels = randint(0, 3, [n], generator: g, dtype: int64);
        var logits = randn([n, 3], generator: g) * 0.5;
        logits += nn.functional.one_hot(labels, 3).to(float32) * (members ? 4f : 0.5f);
        return new(logits, labels, 3);
    }

    static ShadowAttackData Shadows(AttackFeatureSpec features, bool tpOnly = false) =>
        ShadowAttackData.From(features, Enumerable.Range(0, 3).Select(s => new ShadowAttackData.ShadowQuery(Outputs(200, true, 10 + s), Outputs(200, false, 20 + s))), tpOnly);

    static TargetEvaluation Target()
    {
        var (m, n) = (Outputs(300, true, 1), Outputs(300, false, 2));
        return new(cat([m.Features, n.Features]), cat([m.Labels, n.Labels]), [.. Enumerable.Repeat(true, 300), .. Enumerable.Repeat(false, 300)]);
    }

    [TestCase("mlp")]
    [TestCase("svm")]
    public void Apply_VisibleMembership_AttackFindsIt(string model)
    {
        var features = new AttackFeatureSpec { Kind = "posterior" };
        IAttackModel attack = model == "mlp" ? new MlpAttackModel(new MlpAttackSpec { Hidden = [8], Epochs = 5 }) : new SvmAttackModel(new SvmAttackSpec { C = [1], Gamma = [1] });
        var fitted = ShadowModelAttack.Fit(Shadows(features), attack, features, classes: 3, seed: 0);
        var outcome = fitted.Apply(Target());
        Assert.That(outcome.Decisions.Accuracy, Is.GreaterThan(0.85));
        Assert.That(fitted.PooledClasses, Is.Empty);
        Assert.That(outcome.TrueClasses.Distinct().Order(), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Fit_ClassWithoutNonMembers_UsesThePooledModel_AndSaysSo()
    {
        var features = new AttackFeatureSpec { Kind = "sorted" };
        var data = Shadows(features);
        // Drop class 2's non-members: its own model cannot be trained.
        var keep = Enumerable.Range(0, data.Count).Where(i => !(data.TrueClass[i] == 2 && data.IsMember[i] == 0)).ToArray();
        var thinned = new ShadowAttackData(keep.Select(i => data.Features[i]).ToArray(), keep.Select(i => data.TrueClass[i]).ToArray(), keep.Select(i => data.IsMember[i]).ToArray());
        var fitted = ShadowModelAttack.Fit(thinned, new MlpAttackModel(new MlpAttackSpec { Epochs = 3 }), features, 3, 0);
        Assert.That(fitted.PooledClasses, Is.EqualTo(new[] { 2 }));
        Assert.That(fitted.Apply(Target()).Decisions.Accuracy, Is.GreaterThan(0.8));
    }

    [Test]
    public void From_TpOnly_KeepsOnlyCorrectlyClassifiedShadowOutputs()
    {
        var features = new AttackFeatureSpec { Kind = "true-class" };
        var all = Shadows(features);
        var tp = Shadows(features, tpOnly: true);
        Assert.That(tp.Count, Is.LessThan(all.Count));
        Assert.That(tp.Count, Is.GreaterThan(0));
    }

    [TestCase("posterior", 3)]
    [TestCase("log-softmax", 3)]
    [TestCase("sorted", 3)]
    [TestCase("true-class", 1)]
    public void AttackFeatures_Width(string kind, int width)
    {
        var x = AttackFeatures.Compute(new AttackFeatureSpec { Kind = kind }, tensor(new float[] { 1, 3, 2, 0, 0, 5 }, [2, 3]), tensor(new long[] { 0, 2 }));
        Assert.That(x.Select(r => r.Length), Is.All.EqualTo(width));
        if (kind == "sorted") Assert.That(x[0], Is.Ordered.Descending);
        if (kind == "posterior") Assert.That(x.Select(r => r.Sum()), Is.All.EqualTo(1).Within(1e-12));
        if (kind == "true-class") Assert.That(x[1][0], Is.EqualTo(Math.Exp(5) / (2 + Math.Exp(5))).Within(1e-12));
    }

    [Test]
    public void AttackFeatures_TopKLargerThanClasses_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => AttackFeatures.Compute(new AttackFeatureSpec { Kind = "top-k", TopK = 5 }, zeros(2, 3), zeros(2, int64)))!;
        Assert.That(e.Message, Does.Contain("topK").And.Contain("3 outputs"));
    }

    [Test]
    public void Fit_EmptyShadowData_SaysWhy()
    {
        var e = Assert.Throws<ArgumentException>(() => ShadowModelAttack.Fit(new([], [], []), new MlpAttackModel(new()), new(), 3, 0))!;
        Assert.That(e.Message, Does.Contain("empty"));
    }

    [Test]
    public void SvmAttackSpec_NonPositiveGamma_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvmAttackSpec { Gamma = [0.1, 0] }.Validate())!;
        Assert.That(e.Message, Does.Contain("shadowAttack:svm:gamma"));
    }
}
