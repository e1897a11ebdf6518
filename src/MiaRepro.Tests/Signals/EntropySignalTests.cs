using MiaRepro.Signals;
using MiaRepro.Tests.Attacks;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Signals;

/// <summary>
/// Prediction entropy, Song &amp; Mittal's modified entropy and max confidence against mpmath and numpy on fixed logits,
/// including ±50 and ±1000 rows where p rounds to 0 or 1; the values stay finite and keep their tiny magnitudes.
/// </summary>
[TestFixture]
public sealed class EntropySignalTests
{
    // Relative 1e-12: the row with a common offset of 1000 loses ≈ 1e-13 absolute in z − logsumexp(z), in any
    // float64 computation. Absolute 1e-300: values that are ≈ 1e-85 must come out as such, not as 0.
    const double Rel = 1e-12, Abs = 1e-300;

    [TestCaseSource(typeof(SignalsGolden), nameof(SignalsGolden.CaseNames))]
    public void Entropy_MatchesMpmathAndNumpy(string name)
    {
        var c = SignalsGolden.Named(name);
        var (z, y) = c.Inputs();
        var actual = PredictionEntropy.Compute(z, y);
        Approx.AssertClose(actual, c.Entropy.Mpmath, Rel, Abs, "entropy vs mpmath");
        // numpy's plain log_softmax rounds log p of a dominant class to 0, so it is 1% low on the ±50 rows (≈ 3e-41).
        Approx.AssertClose(actual, c.Entropy.Numpy, Rel, 1e-40, "entropy vs numpy");
    }

    [TestCaseSource(typeof(SignalsGolden), nameof(SignalsGolden.CaseNames))]
    public void ModifiedEntropy_MatchesMpmathAndNumpy(string name)
    {
        var c = SignalsGolden.Named(name);
        var (z, y) = c.Inputs();
        var actual = ModifiedEntropy.Compute(z, y);
        Approx.AssertClose(actual, c.ModifiedEntropy.Mpmath, Rel, Abs, "modified entropy vs mpmath");
        Approx.AssertClose(actual, c.ModifiedEntropy.Numpy, Rel, 1e-80, "modified entropy vs numpy");
    }

    [TestCaseSource(typeof(SignalsGolden), nameof(SignalsGolden.CaseNames))]
    public void MaxConfidence_MatchesMpmathAndNumpy(string name)
    {
        var c = SignalsGolden.Named(name);
        var (z, y) = c.Inputs();
        var actual = MaxConfidence.Compute(z, y);
        Approx.AssertClose(actual, c.MaxConfidence.Mpmath, Rel, Abs, "max confidence vs mpmath");
        Approx.AssertClose(actual, c.MaxConfidence.Numpy, Rel, 0, "max confidence vs numpy");
    }

    [TestCase(50f)]
    [TestCase(1000f)]
    public void EntropySignals_ExtremeLogits_StayFinite(float scale)
    {
        // Confident and right, confident and wrong, and the true class far below a class far above.
        var z = tensor(new float[] { scale, -scale, -scale, scale, -scale, -scale, 0, 0, scale }, new long[] { 3, 3 });
        var y = tensor(new long[] { 0, 1, 0 });
        foreach (var signal in new[] { PredictionEntropy.Compute(z, y), ModifiedEntropy.Compute(z, y), MaxConfidence.Compute(z, y) })
            Assert.That(signal, Is.All.Matches<double>(double.IsFinite));
    }

    [Test]
    public void ModifiedEntropy_ConfidentRight_IsTinyButNotZero()
    {
        // Gap 100 over nine classes: 1 − p_y ≈ 9e^−100 ≈ 3.4e-43, Mentr ≈ (1 − p_y)² + 9e^−200 ≈ 1.25e-85 (mpmath).
        var c = SignalsGolden.Named("ten-class");
        var (z, y) = c.Inputs();
        var mentr = ModifiedEntropy.Compute(z, y);
        Assert.That(mentr[6], Is.GreaterThan(0).And.LessThan(1e-80));
        Assert.That(mentr[7], Is.EqualTo(100 + 100 - Math.Log(9)).Within(1e-12), "confident and wrong: −log p_y − log(1 − p_top)");
    }

    [Test]
    public void ModifiedEntropy_IsLowerForTheRightLabel()
    {
        var z = tensor(new float[] { 4, 1, 0, 4, 1, 0 }, new long[] { 2, 3 });
        var mentr = ModifiedEntropy.Compute(z, tensor(new long[] { 0, 2 }));
        Assert.That(mentr[0], Is.LessThan(mentr[1]));
        // Entropy ignores the label: both rows are the same prediction.
        var h = PredictionEntropy.Compute(z, tensor(new long[] { 0, 2 }));
        Assert.That(h[0], Is.EqualTo(h[1]));
    }

    [Test]
    public void ModifiedEntropy_TwoUniformClasses_IsLog2()
    {
        // −(1/2) log(1/2) − (1/2) log(1/2) = log 2, the same as the entropy there.
        var (z, y) = (zeros(1, 2), tensor(new long[] { 1 }));
        Assert.That(ModifiedEntropy.Compute(z, y)[0], Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(PredictionEntropy.Compute(z, y)[0], Is.EqualTo(Math.Log(2)).Within(1e-15));
    }

    [Test]
    public void EntropySignals_NonFiniteLogits_Throw()
    {
        var z = zeros(2, 3);
        z[0, 1] = tensor(float.NaN);
        var y = zeros(2, dtype: int64);
        Assert.That(Assert.Throws<ArgumentException>(() => ModifiedEntropy.Compute(z, y))!.Message, Does.Contain("NaN or ±∞"));
        Assert.That(Assert.Throws<ArgumentException>(() => PredictionEntropy.Compute(z, y))!.Message, Does.Contain("NaN or ±∞"));
        Assert.That(Assert.Throws<ArgumentException>(() => MaxConfidence.Compute(z, y))!.Message, Does.Contain("NaN or ±∞"));
    }
}
