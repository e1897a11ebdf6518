using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.DpAudit;
using MiaRepro.Training.DpSgd;
using MiaRepro.Models;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Experiments.DpAudit;

/// <summary>dp-audit's settings: every bad one is an error naming its key; the canaries sit where no member's gradient goes.</summary>
public sealed class DpAuditSpecTests
{
    static ExperimentSpec Valid() => new()
    {
        Kind = "dp-audit", Dataset = "mnist", Seeds = [0],
        Split = new() { ["members"] = new SplitPart { From = "train", Size = 100 }, ["nonMembers"] = new SplitPart { From = "test", Size = 100 } },
        Model = new ModelSpec { Type = "Mlp", Hidden = [8] },
        Training = new() { Optimizer = "sgd", Preprocessing = new() { Kind = "scale01" }, Dp = new DpSgdSpec { NoiseMultiplier = 1 } },
        Audit = new DpAuditSpec { Canaries = 100, Guesses = 10 },
    };

    static IEnumerable<TestCaseData> Bad()
    {
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Split.Remove("nonMembers")), "split:nonMembers").SetName("Validate_NoNonMembers_NamesSplit");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Training.Dp = null), "training:dp").SetName("Validate_NoDp_NamesTrainingDp");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => (s.Training.Dp!.Epsilon, s.Training.Dp.NoiseMultiplier) = (1, 0)), "training:dp:epsilon").SetName("Validate_EpsilonTarget_AsksForNoiseMultiplier");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Training.Dp!.Sampling = "shuffle"), "training:dp:sampling").SetName("Validate_Shuffle_NamesSampling");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Model.Type = "LeNet5"), "model:type").SetName("Validate_LeNet5_NamesModelType");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Training.Preprocessing.Kind = "per-image-standardization"), "training:preprocessing:kind")
            .SetName("Validate_Standardized_NamesPreprocessing");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.Canaries = 1), "audit:canaries").SetName("Validate_OneCanary_NamesCanaries");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.Guesses = 51), "audit:guesses").SetName("Validate_TooManyGuesses_NamesGuesses");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.Confidence = 1), "audit:confidence").SetName("Validate_ConfidenceOne_NamesConfidence");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.Canary = "poison"), "audit:canary").SetName("Validate_UnknownCanary_NamesCanary");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.Canary = "mislabelled"), "split:canaries").SetName("Validate_MislabelledWithoutCanariesPart_NamesSplit");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.ManyRuns = 20), "at least 24").SetName("Validate_TooFewManyRuns_SaysHowManyAreNeeded");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => (s.Audit.Canary, s.Audit.ManyRuns) = ("out-of-distribution", 20)), "at least 24")
            .SetName("Validate_OutOfDistributionTooFewManyRuns_SaysHowManyAreNeeded");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => (s.Audit.Canary, s.Audit.CanaryNorm) = ("out-of-distribution", 2)), "audit:canaryNorm")
            .SetName("Validate_OutOfDistributionCanaryNorm_NamesCanaryNorm");
        yield return new TestCaseData((Action<ExperimentSpec>)(s => s.Audit.ManyRuns = 26), "audit:manyRuns").SetName("Validate_ManyRunsNotAMultipleOf4_NamesManyRuns");
    }

    [Test]
    public void Validate_GoodSpec_Passes() => Assert.DoesNotThrow(() => new DpAuditKind().Validate(Valid()));

    /// <summary>Noise canaries need no split part and no first Linear layer: any model, any preprocessing; many-run too.</summary>
    [Test]
    public void Validate_OutOfDistributionOnLeNet5Standardized_Passes()
    {
        var spec = Valid();
        (spec.Audit.Canary, spec.Model.Type, spec.Training.Preprocessing.Kind, spec.Audit.ManyRuns) = ("out-of-distribution", "LeNet5", "per-image-standardization", 24);
        Assert.DoesNotThrow(() => new DpAuditKind().Validate(spec));
    }

    [TestCaseSource(nameof(Bad))]
    public void Validate_BadSetting_NamesTheKey(Action<ExperimentSpec> spoil, string key)
    {
        var spec = Valid();
        spoil(spec);
        Assert.That(Assert.Throws<ArgumentException>(() => new DpAuditKind().Validate(spec))!.Message, Does.Contain(key));
    }

    [Test]
    public void Placement_PutsEveryCanaryOnAnInputThatIsZeroInEveryMember()
    {
        var members = rand(50, 6, generator: new Generator(1));
        members[.., 2] = 0;
        members[.., 5] = 0;
        nn.Module<Tensor, Tensor> Build() => new Mlp(6, [4], Activation.Tanh, 3);
        var placement = CanaryPlacement.Create(Build, members, 8, seed: 0);
        Assert.That(placement.Canaries().Coordinates.Select(c => c % 6), Is.All.AnyOf(2L, 5L));
        Assert.That(placement.Canaries().Coordinates.Distinct().Count(), Is.EqualTo(8));
        var e = Assert.Throws<ArgumentException>(() => CanaryPlacement.Create(Build, members, 9, seed: 0));
        Assert.That(e!.Message, Does.Contain("4 units × 2 inputs").And.Contain("model:hidden"));
    }
}
