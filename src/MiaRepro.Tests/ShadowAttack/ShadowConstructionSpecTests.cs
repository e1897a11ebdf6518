using MiaRepro.Defenses;
using MiaRepro.Experiments.ShadowAttack;
using MiaRepro.Training;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>shadows:construction's bad input gets an error naming the key and the fix.</summary>
[TestFixture]
public sealed class ShadowConstructionSpecTests
{
    static ShadowConstructionSpec Mi(double? t = 20, double? alpha = null, double? beta = null) =>
        new() { Kind = "mi-softmax", Temperature = t, Alpha = alpha, Beta = beta };

    static string Error(ShadowConstructionSpec spec, DefenseSpec? release = null, DistillationSpec? defense = null) =>
        Assert.Throws<ArgumentException>(() => spec.Validate(release, defense))!.Message;

    public static IEnumerable<TestCaseData> Bad()
    {
        yield return new TestCaseData(Mi(0), "shadows:construction:temperature must be a finite number > 0").SetName("Validate_TemperatureZero_Error");
        yield return new TestCaseData(Mi(-2), "shadows:construction:temperature must be a finite number > 0").SetName("Validate_TemperatureNegative_Error");
        yield return new TestCaseData(new ShadowConstructionSpec { Kind = "softmax", Temperature = -1 }, "temperature must be a finite number > 0").SetName("Validate_SoftmaxTemperatureNegative_Error");
        yield return new TestCaseData(Mi(1), "must be > 1 for \"mi-softmax\"").SetName("Validate_MiSoftmaxAtOne_Error");
        yield return new TestCaseData(Mi(null), "must be > 1 for \"mi-softmax\"").SetName("Validate_MiSoftmaxWithoutTemperature_Error");
        yield return new TestCaseData(new ShadowConstructionSpec { Kind = "softmax", Temperature = 4 }, "\"softmax\" distils at T = 1").SetName("Validate_SoftmaxAtFour_Error");
        yield return new TestCaseData(Mi(alpha: 0, beta: 0), "alpha = beta = 0").SetName("Validate_AlphaAndBetaZero_Error");
        yield return new TestCaseData(Mi(alpha: -1), "shadows:construction:alpha must be a finite number ≥ 0").SetName("Validate_AlphaNegative_Error");
        yield return new TestCaseData(new ShadowConstructionSpec { Kind = "distilled" }, "shadows:construction:kind 'distilled' is unknown").SetName("Validate_UnknownKind_Error");
        yield return new TestCaseData(new ShadowConstructionSpec { Kind = "mi-softmax", Temperature = 4, Release = "labels" }, "shadows:construction:release 'labels' is unknown").SetName("Validate_UnknownRelease_Error");
        yield return new TestCaseData(new ShadowConstructionSpec { Temperature = 4 }, "kind \"labels\" trains on the shadow set's labels").SetName("Validate_LabelsWithTemperature_Error");
    }

    [TestCaseSource(nameof(Bad))]
    public void Validate_BadInput_ErrorNamesKey(ShadowConstructionSpec spec, string expected) =>
        Assert.That(Error(spec), Does.Contain(expected));

    [Test]
    public void Validate_LogitsAgainstLabelOnlyTarget_ErrorNamesBothKeys()
    {
        var message = Error(Mi(), new DefenseSpec { Name = "label-only" });
        Assert.That(message, Does.Contain("shadows:construction:kind \"mi-softmax\"").And.Contain("shadowAttack:release is label-only"));
    }

    [Test]
    public void Validate_AgainstDistilledTarget_NotBuiltError() =>
        Assert.That(Error(Mi(), defense: new DistillationSpec { Temperature = 20 }), Does.Contain("shadowAttack:distillation is not built"));

    [Test]
    public void Validate_GoodSpecs_Pass()
    {
        Assert.DoesNotThrow(() => new ShadowConstructionSpec().Validate(new DefenseSpec { Name = "label-only" }, null));
        Assert.DoesNotThrow(() => new ShadowConstructionSpec { Kind = "softmax" }.Validate(null, null));
        Assert.DoesNotThrow(() => Mi(20, 0, 1).Validate(null, null));
        Assert.DoesNotThrow(() => new ShadowConstructionSpec { Kind = "mi-softmax", Temperature = 4, Release = "probabilities" }.Validate(null, null));
    }
}
