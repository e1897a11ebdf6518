using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.Lira;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Lira;

/// <summary>The lira kind's settings: each bad one is refused with the key and the fix.</summary>
[TestFixture]
public sealed class LiraKindTests
{
    static ExperimentSpec Spec(int models, params int[] references) => new()
    {
        Kind = "lira",
        Split = new() { [LiraSpec.PoolPart] = new SplitPart { From = "train", Size = 100 } },
        Lira = new LiraSpec { Models = models, Augmentations = ["plain", "mirror"], ReferenceCounts = references },
    };

    [Test]
    public void Validate_EightModelsAndReferencesFourAndSix_Passes() => Assert.DoesNotThrow(() => new LiraKind().Validate(Spec(8, 4, 6)));

    [Test]
    public void Validate_ZeroModels_ThrowsNamingTheKey() =>
        Assert.That(() => new LiraKind().Validate(Spec(0)), Throws.ArgumentException.With.Message.Contains("lira:models is 0"));

    [Test]
    public void Validate_OddModels_ThrowsThatTheMaskCannotBalance() =>
        Assert.That(() => new LiraKind().Validate(Spec(7)), Throws.ArgumentException.With.Message.Contains("odd").And.Message.Contains("even"));

    [TestCase(8, TestName = "Validate_ReferenceCountEqualToModels_Throws")]
    [TestCase(7, TestName = "Validate_ReferenceCountAboveModelsMinusTwo_Throws")]
    [TestCase(1, TestName = "Validate_ReferenceCountOne_Throws")]
    [TestCase(2, TestName = "Validate_ReferenceCountTwo_Throws_ASigmaFromOneModelIsZero")]
    [TestCase(5, TestName = "Validate_ReferenceCountOdd_Throws")]
    public void Validate_ReferenceCountOutOfRange_Throws(int k) =>
        Assert.That(() => new LiraKind().Validate(Spec(8, k)), Throws.ArgumentException.With.Message.Contains($"lira:referenceCounts has {k}").And.Message.Contains("an even k from 4 to 6"));

    [Test]
    public void Validate_NoPoolPart_Throws()
    {
        var spec = Spec(8);
        spec.Split = new() { ["members"] = new SplitPart { Size = 10 } };
        Assert.That(() => new LiraKind().Validate(spec), Throws.ArgumentException.With.Message.Contains("split:pool is missing"));
    }

    [Test]
    public void Validate_AugmentationsWithoutPlainFirst_ThrowsNamingTheKey()
    {
        var spec = Spec(8);
        spec.Lira.Augmentations = ["mirror"];
        Assert.That(() => new LiraKind().Validate(spec), Throws.ArgumentException.With.Message.StartsWith("lira:augmentations"));
    }

    /// <summary>DP-SGD members are measured by their privacy budget: ε (σ calibrated to it) or σ = 0 (ε = ∞), never a
    /// bare σ or a planted fault.</summary>
    [TestCase(1.0, 0.0, "none", null, TestName = "Validate_DpBudget_Passes")]
    [TestCase(null, 0.0, "none", null, TestName = "Validate_DpWithoutNoise_Passes")]
    [TestCase(null, 1.1, "none", "training:dp:noiseMultiplier is 1.1", TestName = "Validate_DpSigmaWithoutBudget_AsksForEpsilon")]
    [TestCase(1.0, 0.0, "no-noise", "training:dp:fault", TestName = "Validate_DpPlantedFault_NamesFault")]
    public void Validate_DpMembers(double? epsilon, double sigma, string fault, string? error)
    {
        var spec = Spec(8);
        spec.Training.Dp = new() { Epsilon = epsilon, NoiseMultiplier = sigma, Fault = fault };
        if (error is null) Assert.DoesNotThrow(() => new LiraKind().Validate(spec));
        else Assert.That(() => new LiraKind().Validate(spec), Throws.ArgumentException.With.Message.Contains(error));
    }

    [TestCase("canaries", "lira:canaries is 101", TestName = "Validate_MoreCanariesThanThePool_NamesTheKey")]
    [TestCase("release l2", "lira:release:name is \"l2\"", TestName = "Validate_ReleaseL2_AsksForTrainingL2")]
    [TestCase("release with dp", "one defense per variant", TestName = "Validate_ReleaseWithDp_OneDefensePerVariant")]
    [TestCase("dp with l2", "one defense per variant", TestName = "Validate_DpWithL2_OneDefensePerVariant")]
    [TestCase("distillation with release", "one defense per variant", TestName = "Validate_DistillationWithRelease_OneDefensePerVariant")]
    [TestCase("distillation at T 0", "lira:distillation:temperature", TestName = "Validate_DistillationAtZeroTemperature_NamesTheKey")]
    public void Validate_CanariesAndDefenses(string what, string error)
    {
        var spec = Spec(8);
        switch (what)
        {
            case "canaries": spec.Lira.Canaries = 101; break;
            case "release l2": spec.Lira.Release = new() { Name = "l2", Lambda = 0.1 }; break;
            case "release with dp": (spec.Lira.Release, spec.Training.Dp) = (new() { Name = "label-only" }, new() { Epsilon = 1 }); break;
            case "dp with l2": (spec.Training.Dp, spec.Training.L2.Lambda) = (new() { Epsilon = 1 }, 0.01); break;
            case "distillation with release": (spec.Lira.Distillation, spec.Lira.Release) = (new() { Temperature = 20 }, new() { Name = "top-k", K = 3 }); break;
            case "distillation at T 0": spec.Lira.Distillation = new() { Temperature = 0 }; break;
        }
        Assert.That(() => new LiraKind().Validate(spec), Throws.ArgumentException.With.Message.Contains(error));
    }

    [Test]
    public void OfflineSupports_BalancedHalves_UpToHalfMinusOne()
    {
        var lira = new LiraSpec { Models = 8 };
        Assert.That((lira.OfflineSupports(3), lira.OfflineSupports(4)), Is.EqualTo((true, false)));
    }
}
