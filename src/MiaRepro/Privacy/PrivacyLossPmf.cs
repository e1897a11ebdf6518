using MathNet.Numerics;

namespace MiaRepro.Privacy;

/// <summary>
/// A privacy loss distribution on a grid: the loss L = ln(P(o)/Q(o)) of an output o ∼ P takes the value
/// (LowestIndex + j)·Interval with probability Probabilities[j], and +∞ (an output Q never gives) with InfinityMass.
/// Its hockey-stick divergence is δ(ε) = P(L = ∞) + Σ_ℓ P(L = ℓ)(1 − e^(ε − ℓ))₊ (Koskela et al. 2020; Google's
/// dp_accounting PLD), the smallest δ at which (P, Q) is (ε, δ)-indistinguishable.
/// </summary>
public sealed class PrivacyLossPmf
{
    readonly double[] probabilities;

    internal PrivacyLossPmf(double interval, long lowestIndex, double[] probabilities, double infinityMass)
    {
        Interval = interval;
        LowestIndex = lowestIndex;
        this.probabilities = probabilities;
        InfinityMass = infinityMass;
    }

    /// <summary>The grid step h: every finite loss is a multiple of it.</summary>
    public double Interval { get; }
    public long LowestIndex { get; }
    public IReadOnlyList<double> Probabilities => probabilities;
    public double InfinityMass { get; }

    public double Loss(int j) => (LowestIndex + j) * Interval;

    /// <summary>All mass at loss 0: what nothing released, or a step with q = 0, gives.</summary>
    internal static PrivacyLossPmf Zero(double interval) => new(interval, 0, [1.0], 0);

    /// <summary>δ(ε) = P(L = ∞) + Σ_{ℓ &gt; ε} P(L = ℓ)(1 − e^(ε − ℓ)).</summary>
    public double Delta(double epsilon)
    {
        var delta = InfinityMass;
        for (var j = probabilities.Length - 1; j >= 0 && Loss(j) > epsilon; j--)
            delta += probabilities[j] * -SpecialFunctions.Expm1(epsilon - Loss(j));
        return delta;
    }

    /// <summary>
    /// The smallest ε ≥ 0 with δ(ε) ≤ <paramref name="delta"/> (+∞ if the infinite loss alone exceeds it). Between two
    /// grid losses δ(ε) = M − e^ε E with M = P(L &gt; ε) and E = Σ_{ℓ &gt; ε} P(ℓ)e^(−ℓ) fixed, so the crossing is solved
    /// exactly: ε = ln((M − δ)/E), scanning the grid from the top.
    /// </summary>
    public double Epsilon(double delta)
    {
        PrivacyArguments.Delta(delta);
        if (InfinityMass >= delta) return double.PositiveInfinity;
        double mass = InfinityMass, weighted = 0;
        for (var k = probabilities.Length - 1; k >= 0; k--)
        {
            mass += probabilities[k];
            weighted += probabilities[k] * Math.Exp(-Loss(k));
            // For ε in [lower, ℓ_k) the losses above ε are those from k up.
            var lower = k > 0 ? Loss(k - 1) : double.NegativeInfinity;
            if (lower < 0)
                return mass - weighted > delta ? Math.Max(0, Math.Log((mass - delta) / weighted)) : 0;
            if (mass - Math.Exp(lower) * weighted > delta)
                return Math.Log((mass - delta) / weighted);
        }
        return 0;
    }
}
