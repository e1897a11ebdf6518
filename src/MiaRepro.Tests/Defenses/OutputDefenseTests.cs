using MiaRepro.Defenses;
using MiaRepro.Signals;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Defenses;

/// <summary>The output defenses on hand-made logits: what is released, that the label survives, and bad parameters.</summary>
[TestFixture]
public sealed class OutputDefenseTests
{
    // Four classes; softmax of row 0 ≈ (0.6439, 0.2369, 0.0871, 0.0321); row 1 puts the largest logit on class 2.
    static Tensor Logits() => tensor(new float[] { 3, 2, 1, 0, 0, 1, 5, 2 }, new long[] { 2, 4 });

    static double[] Released(OutputDefense d, int row) => d.Release(Logits()).exp()[row].data<double>().ToArray();

    [Test]
    public void TopK_KeepsTheKLargest_Renormalized_ZeroElsewhere()
    {
        var p = Released(new TopKMasking(2, 4), 0);
        var e = new[] { Math.Exp(3), Math.Exp(2) };
        Assert.That(p[0], Is.EqualTo(e[0] / (e[0] + e[1])).Within(1e-6));
        Assert.That(p[1], Is.EqualTo(e[1] / (e[0] + e[1])).Within(1e-6));
        Assert.That(p[2], Is.EqualTo(OutputDefense.Floor).Within(1e-18));
        Assert.That(p[3], Is.EqualTo(OutputDefense.Floor).Within(1e-18));
    }

    [Test]
    public void TopOne_IsLabelOnly()
    {
        var top1 = new TopKMasking(1, 4).Release(Logits());
        var label = new LabelOnly().Release(Logits());
        Assert.That(top1.allclose(label, rtol: 0, atol: 1e-12), Is.True);
        Assert.That(label.exp().argmax(1).data<long>().ToArray(), Is.EqualTo(new long[] { 0, 2 }));
    }

    [Test]
    public void TopK_WithAllClasses_ReleasesTheSoftmax()
    {
        var p = Released(new TopKMasking(4, 4), 0);
        var z = new[] { 3.0, 2, 1, 0 };
        var sum = z.Sum(Math.Exp);
        Assert.That(p, Is.EqualTo(z.Select(v => Math.Exp(v) / sum).ToArray()).Within(1e-6));
    }

    [Test]
    public void Rounding_RoundsEachProbability_NotRenormalized()
    {
        var p = Released(new OutputRounding(1), 0);
        Assert.That(p, Is.EqualTo(new[] { 0.6, 0.2, 0.1, 0.0 + OutputDefense.Floor }).Within(1e-9));
        var p2 = Released(new OutputRounding(2), 0);
        Assert.That(p2, Is.EqualTo(new[] { 0.64, 0.24, 0.09, 0.03 }).Within(1e-9));
    }

    [Test]
    public void LabelOnly_LossTakesTwoValues_SmallIfRightHugeIfWrong()
    {
        var released = new LabelOnly().Release(Logits());
        var losses = CrossEntropy.Compute(released, tensor(new long[] { 0, 1 }));
        Assert.That(losses[0], Is.EqualTo(0).Within(1e-10));                   // right: p = 1 (up to the floor)
        Assert.That(losses[1], Is.EqualTo(-Math.Log(OutputDefense.Floor)).Within(1e-6));   // wrong: the floor
    }

    [Test]
    public void Defenses_NeverChangeTheTopClass()
    {
        var original = Logits().argmax(1).data<long>().ToArray();
        foreach (OutputDefense d in new OutputDefense[] { new TopKMasking(1, 4), new TopKMasking(3, 4), new OutputRounding(3), new LabelOnly() })
            Assert.That(d.Release(Logits()).argmax(1).data<long>().ToArray(), Is.EqualTo(original), d.Name);
    }

    [Test]
    public void BadParameters_AreClearErrors()
    {
        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => new TopKMasking(5, 4))!;
        Assert.That(tooLarge.Message, Does.Contain("1..4").And.Contain("k"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKMasking(0, 4));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new OutputRounding(-1))!.Message, Does.Contain("decimals"));
        Assert.That(Assert.Throws<ArgumentException>(() => new LabelOnly().Release(zeros(3)))!.Message, Does.Contain("[N, C]"));
    }
}

/// <summary>Losses read off released outputs: functions of the released true-class probability only.</summary>
[TestFixture]
public sealed class ReleasedLossTests
{
    [Test]
    public void LabelOnly_GivesExactlyTwoLossValues_WhateverThePredictedClass()
    {
        manual_seed(1);
        var logits = randn(1000, 10) * 5;
        var labels = randint(0, 10, new long[] { 1000 });
        var released = new LabelOnly().Release(logits);
        foreach (var signal in new[] { "cross-entropy", "probability", "logit-scaled" }.Select(SignalRegistry.Get))
            Assert.That(ReleasedLoss.Compute(signal, released, labels, OutputDefense.Floor).Distinct().Count(), Is.EqualTo(2), signal.ToString());
        // Through log_softmax the same outputs get order-dependent round-off: the reason ReleasedLoss exists.
        Assert.That(CrossEntropy.Compute(released, labels).Distinct().Count(), Is.GreaterThan(2));
    }

    [Test]
    public void Values_AreTheReleasedTrueClassProbabilitysLosses()
    {
        var released = new OutputRounding(1).Release(tensor(new float[] { 3, 2, 1, 0 }, new long[] { 1, 4 }));
        var y = tensor(new long[] { 1 });
        Assert.That(ReleasedLoss.Compute(SignalRegistry.Loss, released, y, OutputDefense.Floor)[0], Is.EqualTo(-Math.Log(0.2)).Within(1e-12));
        Assert.That(ReleasedLoss.Compute(SignalRegistry.Confidence, released, y, OutputDefense.Floor)[0], Is.EqualTo(0.2).Within(1e-12));
        Assert.That(ReleasedLoss.Compute(SignalRegistry.LogitScaled, released, y, OutputDefense.Floor)[0], Is.EqualTo(Math.Log(0.2 / 0.8)).Within(1e-12));
        var hidden = ReleasedLoss.Compute(SignalRegistry.Loss, released, tensor(new long[] { 3 }), OutputDefense.Floor)[0];
        Assert.That(hidden, Is.EqualTo(-Math.Log(OutputDefense.Floor)).Within(1e-9));
    }
}
