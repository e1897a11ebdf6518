using System.Text;
using System.Text.Json;
using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;

namespace MiaRepro.Tests.Training;

public sealed class JobKeyTests
{
    // A job as it was, and the same job after a release added fields (nullable, int, nested object) at their defaults.
    sealed record V1(string Dataset, int Seed, double Rate, V1.Inner Settings)
    {
        public sealed record Inner(string Optimizer, int[] Hidden);
    }

    sealed record V2(string Dataset, int Seed, double Rate, V1.Inner Settings, string? Noise = null, int Clip = 0, V2.Dp? Privacy = null)
    {
        public sealed record Dp(double Epsilon, bool Enabled);
    }

    [Test]
    public void JobKey_AddingFieldAtDefault_KeepsKey()
    {
        var settings = new V1.Inner("adam", [64, 32]);
        var v1 = JobKey.Of(new V1("mnist", 3, 1e-3, settings));
        Assert.That(JobKey.Of(new V2("mnist", 3, 1e-3, settings)), Is.EqualTo(v1));
        Assert.That(JobKey.Of(new V2("mnist", 3, 1e-3, settings, Privacy: new(0, false))), Is.EqualTo(v1), "an object of defaults is left out");
        Assert.That(JobKey.Of(new V2("mnist", 3, 1e-3, settings, Noise: "gaussian")), Is.Not.EqualTo(v1));
        Assert.That(JobKey.Of(new V2("mnist", 3, 1e-3, settings, Clip: 1)), Is.Not.EqualTo(v1));
        Assert.That(JobKey.Of(new V2("mnist", 3, 1e-3, settings, Privacy: new(8, true))), Is.Not.EqualTo(v1));
    }

    [Test]
    public void JobKey_TrainingJobGainsDefaultField_KeepsKey()
    {
        // ModelSpec.Dropout and Outputs were added after models existed: unset, they leave the key alone; Dropout = false
        // (no dropout; null means true) is a typed value, not a default, so it keys another model.
        var job = PinnedJob();
        var with = job with { Model = new ModelSpec { Type = "LeNet5", Pooling = "max", Dropout = null, Outputs = null } };
        Assert.That(with.Key(), Is.EqualTo(job.Key()));
        Assert.That((job with { Model = new ModelSpec { Type = "LeNet5", Pooling = "max", Dropout = false } }).Key(), Is.Not.EqualTo(job.Key()));
    }

    [Test]
    public void JobKey_PropertyOrderAndNumberSpelling_DoNotMatter()
    {
        static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
        var a = JobKey.Of(Parse("""{"lr": 0.01, "model": {"type": "Mlp", "hidden": [64, 0]}, "seed": 1}"""));
        var b = JobKey.Of(Parse("""{"seed": 1.0, "model": {"hidden": [64e0, 0], "type": "Mlp"}, "lr": 1e-2}"""));
        var c = JobKey.Of(Parse("""{"seed": 1, "model": {"hidden": [64, 0], "type": "Mlp", "extra": {"x": null, "y": [], "w": ""}}, "lr": 1E-2, "z": {}}"""));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.EqualTo(a));
        Assert.That(JobKey.Of(Parse("""{"lr": 0.01, "model": {"type": "Mlp", "hidden": [64]}, "seed": 1}""")), Is.Not.EqualTo(a),
            "array elements are kept, zeros included");
    }

    [Test]
    public void JobKey_Canonical_SortedWithoutDefaultsAndNamesTheTrainingSemantics()
    {
        var json = Encoding.UTF8.GetString(JobKey.Canonical(new { b = 2, a = new { d = "", c = 0.5, f = false, g = (bool?)false }, e = (string?)null, h = 0 }));
        Assert.That(json, Is.EqualTo($$"""{"job":{"a":{"c":0.5,"g":false},"b":2},"semantics":"{{TrainingSemantics.Version}}"}"""));
    }

    /// <summary>A fixed job's key, committed: a change to the key builder (or to what a TrainingJob serializes) shows here
    /// before it silently re-keys every stored model. Change the pinned value only with a TrainingSemantics bump.</summary>
    [Test]
    public void Key_FixedJob_IsPinned()
    {
        Assert.That(PinnedJob().Key(), Is.EqualTo(PinnedKey), Encoding.UTF8.GetString(JobKey.Canonical(PinnedJob())));
    }

    const string PinnedKey = "ec16dd49005861cd6b1da7fa";

    static TrainingJob PinnedJob() => new()
    {
        DatasetSha256 = "9c0f3f6c0b4e5a6d7e8f90112233445566778899aabbccddeeff001122334455",
        SplitHash = "0123456789abcdef",
        Members = "members",
        NonMembers = "nonMembers",
        Model = new ModelSpec { Type = "LeNet5", Pooling = "max" },
        Training = new TrainingSpec { Epochs = 50, LearningRate = 1e-3, L2 = new L2Regularization { Lambda = 0.01 } },
        Seed = 2,
    };
}
