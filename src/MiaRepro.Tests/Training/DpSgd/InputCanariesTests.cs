using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Input-space canaries: every mislabelled one's label is wrong, noise canaries span the members' range with
/// drawn labels, the included ones join the members, the same seed gives the same canaries (and key), and the loss is
/// the model's cross-entropy under the canary's label.</summary>
public sealed class InputCanariesTests
{
    static LabelledData Examples() => new(rand(200, 4, generator: new Generator(1)), arange(200, dtype: int64) % 5, 5);

    [Test]
    public void Create_EveryLabelIsWrong_AndTheSameSeedGivesTheSameCanaries()
    {
        var examples = Examples();
        var a = InputCanaries.Mislabelled(examples, "canaries", seed: 3);
        var b = InputCanaries.Mislabelled(examples, "canaries", seed: 3);
        Assert.That(a.Examples.Labels.ne(examples.Labels).all().item<bool>(), Is.True);
        Assert.That(a.Examples.Labels.data<long>().ToArray(), Is.EqualTo(b.Examples.Labels.data<long>().ToArray()));
        Assert.That(a.Included, Is.EqualTo(b.Included));
        Assert.That(a.Examples.Labels.bincount(null, 5).min().item<long>(), Is.GreaterThan(0), "wrong labels spread over the classes");
        Assert.That(a.Job, Is.Not.EqualTo(InputCanaries.Mislabelled(examples, "canaries", seed: 4).Job));
    }

    [Test]
    public void With_AppendsExactlyTheIncludedCanaries()
    {
        var canaries = InputCanaries.Mislabelled(Examples(), "canaries", seed: 0);
        var members = new LabelledData(zeros(10, 4), zeros(10, dtype: int64), 5);
        var joined = canaries.With(members);
        var included = canaries.Included.Count(i => i);
        Assert.That(joined.Count, Is.EqualTo(10 + included));
        var first = Array.IndexOf(canaries.Included, true);
        Assert.That(joined.Labels[10].item<long>(), Is.EqualTo(canaries.Examples.Labels[first].item<long>()));
    }

    [Test]
    public void Losses_AreTheCrossEntropyUnderTheWrongLabel()
    {
        var canaries = InputCanaries.Mislabelled(Examples(), "canaries", seed: 0);
        manual_seed(0);
        var model = new Mlp(4, [3], Activation.Tanh, 5);
        var expected = nn.functional.cross_entropy(model.call(canaries.Examples.Features), canaries.Examples.Labels, reduction: nn.Reduction.None)
            .to(float64).data<double>().ToArray();
        Assert.That(canaries.Losses(model, CPU), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void OutOfDistribution_NoiseOverTheMembersRange_SeededLabels_AndAKeyOfItsOwn()
    {
        var members = new LabelledData(rand(50, 1, 4, 4, generator: new Generator(2)) * 2 - 1, arange(50, dtype: int64) % 5, 5);
        var a = InputCanaries.OutOfDistribution(members, 300, seed: 3);
        var b = InputCanaries.OutOfDistribution(members, 300, seed: 3);
        Assert.That(a.Examples.Features.shape, Is.EqualTo(new long[] { 300, 1, 4, 4 }));
        Assert.That(a.Examples.Features.data<float>().ToArray(), Is.EqualTo(b.Examples.Features.data<float>().ToArray()));
        Assert.That(a.Examples.Labels.data<long>().ToArray(), Is.EqualTo(b.Examples.Labels.data<long>().ToArray()));
        var (low, high) = (members.Features.min().item<float>(), members.Features.max().item<float>());
        var (min, max) = (a.Examples.Features.min().item<float>(), a.Examples.Features.max().item<float>());
        Assert.That(min, Is.InRange(low, low + 0.05), "uniform over the members' range: from their smallest value");
        Assert.That(max, Is.InRange(high - 0.05, high), "… to their largest");
        Assert.That(a.Examples.Labels.bincount(null, 5).min().item<long>(), Is.GreaterThan(0), "labels drawn over every class");
        Assert.That(a.Job.Type, Is.EqualTo(InputCanaries.OutOfDistributionKind));
        Assert.That(a.Job, Is.Not.EqualTo(InputCanaries.OutOfDistribution(members, 300, seed: 4).Job));
    }

    [Test]
    public void Mislabelled_KeyIsTheOneItAlwaysWas()
    {
        var included = new[] { true, false, true };
        Assert.That(InputCanaries.JobOf(InputCanaries.MislabelledKind, included, "canaries"),
            Is.EqualTo(new MiaRepro.Training.CanaryJob("mislabelled", 3, -1, "canaries", MiaRepro.Training.TrainingJob.Examples("included", [1, 0, 1]))));
    }
}
