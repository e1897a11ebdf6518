using MiaRepro.Signals;
using MiaRepro.Tests.Attacks;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Signals;

/// <summary>
/// The three loss signals against torch (float64) and mpmath (60 digits) on fixed float32 logits, including rows of
/// ±50 and 88/89 where a float32 softmax overflows or rounds p to 1; shape and label errors.
/// </summary>
[TestFixture]
public sealed class LossSignalTests
{
    static KdeGolden.SignalCase Golden => KdeGolden.Values.Signals;

    static (Tensor Logits, Tensor Labels) GoldenInputs()
    {
        var rows = Golden.Logits;
        var flat = rows.SelectMany(r => r.Select(v => (float)v)).ToArray();
        return (tensor(flat, new long[] { rows.Length, rows[0].Length }), tensor(Golden.Labels));
    }

    [TestCase("probability")]
    [TestCase("cross-entropy")]
    [TestCase("logit-scaled")]
    public void Signals_MatchMpmathAndTorch(string name)
    {
        var (z, y) = GoldenInputs();
        var actual = SignalRegistry.Get(name).Compute(z, y);
        // Within a few ulps of the 60-digit values (absolute 1e-14 where they are ≈ 0, e.g. −log p for p ≈ 1).
        Approx.AssertClose(actual, Golden.Mpmath[name], 1e-13, 1e-14, $"{name} vs mpmath");
        Approx.AssertClose(actual, Golden.TorchFloat64[name], 1e-13, 1e-14, $"{name} vs torch float64");
    }

    [Test]
    public void Signals_Probability_MatchesMpmath() => AssertSignal(TrueClassProbability.Compute, "probability");

    [Test]
    public void Signals_CrossEntropy_MatchesMpmath() => AssertSignal(CrossEntropy.Compute, "cross-entropy");

    [Test]
    public void Signals_LogitScaled_MatchesMpmath() => AssertSignal(LogitScaledConfidence.Compute, "logit-scaled");

    static void AssertSignal(Func<Tensor, Tensor, double[]> compute, string name)
    {
        var (z, y) = GoldenInputs();
        Approx.AssertClose(compute(z, y), Golden.Mpmath[name], 1e-13, 1e-14, name);
    }

    [Test]
    public void Signals_ExtremeLogits_StayFiniteAndExact()
    {
        // Row 0 of the extreme block: true class at +50, nine others at −50. p rounds to 1, yet φ = 100 − log 9.
        var z = tensor(new float[] { -50, -50, -50, 50, -50, -50, -50, -50, -50, -50 }, new long[] { 1, 10 });
        var y = tensor(new long[] { 3 });
        Assert.That(TrueClassProbability.Compute(z, y)[0], Is.EqualTo(1.0));
        Assert.That(LogitScaledConfidence.Compute(z, y)[0], Is.EqualTo(100 - Math.Log(9)).Within(1e-13));
        Assert.That(CrossEntropy.Compute(z, y)[0], Is.EqualTo(0).Within(1e-40), "−log p ≈ 9e^−100");
        // The naive log(p/(1 − p)) is +∞ here: that is what the stable form avoids.
        var p = TrueClassProbability.Compute(z, y)[0];
        Assert.That(Math.Log(p / (1 - p)), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Signals_LogitScaled_IsTheLogOddsOfTheProbability()
    {
        var (z, y) = GoldenInputs();
        var p = TrueClassProbability.Compute(z, y);
        var phi = LogitScaledConfidence.Compute(z, y);
        var ce = CrossEntropy.Compute(z, y);
        for (int i = 0; i < 6; i++)   // the moderate rows, where 1 − p keeps enough digits
        {
            Approx.AssertClose(phi[i], Math.Log(p[i] / (1 - p[i])), 1e-10, 1e-10, $"φ[{i}]");
            Approx.AssertClose(ce[i], -Math.Log(p[i]), 1e-13, 1e-14, $"ce[{i}]");
        }
    }

    [Test]
    public void Signals_Int32Labels_AreAccepted()
    {
        var (z, y) = GoldenInputs();
        Assert.That(CrossEntropy.Compute(z, y.to(int32)), Is.EqualTo(CrossEntropy.Compute(z, y)));
    }

    [Test]
    public void Signals_ShapeMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => CrossEntropy.Compute(zeros(4, 10), zeros(3, dtype: int64)));
        Assert.That(e!.Message, Does.Contain("4 rows of logits but 3 labels"));
    }

    [Test]
    public void Signals_LogitsNotMatrix_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => TrueClassProbability.Compute(zeros(10), zeros(10, dtype: int64)));
        Assert.That(e!.Message, Does.Contain("shape [10]").And.Contain("[N, C]"));
    }

    [TestCase(10)]
    [TestCase(-1)]
    public void Signals_LabelOutOfRange_Throws(long bad)
    {
        var e = Assert.Throws<ArgumentException>(() => LogitScaledConfidence.Compute(zeros(3, 10), tensor(new long[] { 0, bad, 2 })));
        Assert.That(e!.Message, Does.Contain("10 classes").And.Contain("[0, 9]"));
    }

    [Test]
    public void Signals_FloatLabels_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => CrossEntropy.Compute(zeros(2, 3), zeros(2)))!.Message, Does.Contain("integer class indices"));

    [Test]
    public void Signals_SingleClass_Throws() =>
        Assert.That(Assert.Throws<ArgumentException>(() => LogitScaledConfidence.Compute(zeros(2, 1), zeros(2, dtype: int64)))!.Message, Does.Contain("at least 2 classes"));

    [Test]
    public void Signals_NonFiniteLogits_Throws()
    {
        var z = zeros(2, 3);
        z[1, 2] = tensor(float.NaN);
        Assert.That(Assert.Throws<ArgumentException>(() => CrossEntropy.Compute(z, zeros(2, dtype: int64)))!.Message, Does.Contain("NaN or ±∞"));
    }

    [Test]
    public void Signals_Names_RoundTripAndUnknownNameListsTheKnownOnes()
    {
        foreach (var s in SignalRegistry.All)
            Assert.That(SignalRegistry.Get(s.Name), Is.SameAs(s));
        Assert.That(SignalRegistry.Get("cross-entropy").Compute, Is.EqualTo(SignalRegistry.Loss.Compute));
        var e = Assert.Throws<ArgumentException>(() => SignalRegistry.Get("normalized probability"));
        Assert.That(e!.Message, Does.Contain("\"probability\"").And.Contain("\"cross-entropy\"").And.Contain("\"logit-scaled\""));
    }
}
