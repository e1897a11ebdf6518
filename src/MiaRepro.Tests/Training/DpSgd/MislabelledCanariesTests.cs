using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training.DpSgd;

/// <summary>Natural canaries: every label is wrong, the included ones join the members, the same seed gives the same
/// canaries, and the loss is the model's cross-entropy under the wrong label.</summary>
public sealed class MislabelledCanariesTests
{
    static LabelledData Examples() => new(rand(200, 4, generator: new Generator(1)), arange(200, dtype: int64) % 5, 5);

    [Test]
    public void Create_EveryLabelIsWrong_AndTheSameSeedGivesTheSameCanaries()
    {
        var examples = Examples();
        var a = MislabelledCanaries.Create(examples, "canaries", seed: 3);
        var b = MislabelledCanaries.Create(examples, "canaries", seed: 3);
        Assert.That(a.Examples.Labels.ne(examples.Labels).all().item<bool>(), Is.True);
        Assert.That(a.Examples.Labels.data<long>().ToArray(), Is.EqualTo(b.Examples.Labels.data<long>().ToArray()));
        Assert.That(a.Included, Is.EqualTo(b.Included));
        Assert.That(a.Examples.Labels.bincount(null, 5).min().item<long>(), Is.GreaterThan(0), "wrong labels spread over the classes");
        Assert.That(a.Job, Is.Not.EqualTo(MislabelledCanaries.Create(examples, "canaries", seed: 4).Job));
    }

    [Test]
    public void With_AppendsExactlyTheIncludedCanaries()
    {
        var canaries = MislabelledCanaries.Create(Examples(), "canaries", seed: 0);
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
        var canaries = MislabelledCanaries.Create(Examples(), "canaries", seed: 0);
        manual_seed(0);
        var model = new Mlp(4, [3], Activation.Tanh, 5);
        var expected = nn.functional.cross_entropy(model.call(canaries.Examples.Features), canaries.Examples.Labels, reduction: nn.Reduction.None)
            .to(float64).data<double>().ToArray();
        Assert.That(canaries.Losses(model, CPU), Is.EqualTo(expected).Within(1e-12));
    }
}
