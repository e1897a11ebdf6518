using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Defenses;

/// <summary>
/// A defense that changes what the target releases, not how it is trained: it maps the target's logits [N, C] to the
/// released output, returned as log-probabilities so every attack that reads logits reads the released vector instead
/// (softmax of the result = the released probabilities). A released probability of exactly 0 is floored at
/// <see cref="Floor"/> before the log: the attacker's loss for a hidden true class is then −ln 1e-12 ≈ 27.6, large
/// and finite, where the exact value would be +∞.
/// </summary>
public abstract class OutputDefense
{
    public const double Floor = 1e-12;

    public abstract string Name { get; }

    /// <summary>The released probabilities [N, C] (rows sum to 1) for <paramref name="logits"/>.</summary>
    protected abstract Tensor ReleasedProbabilities(Tensor logits);

    /// <summary>Log of the released probabilities, float64, on the CPU.</summary>
    public Tensor Release(Tensor logits)
    {
        if (logits.dim() != 2) throw new ArgumentException($"{Name}: logits must be [N, C], not [{string.Join(", ", logits.shape)}].");
        using var scope = NewDisposeScope();
        var p = ReleasedProbabilities(logits.to(float64).cpu());
        using var floor = Floor.ToScalar();   // held for the call (TorchSharp's implicit Scalars are freed by the GC, mid-call at worst)
        return p.clamp_min(floor).log().MoveToOuterDisposeScope();
    }
}
