namespace MiaRepro.Attacks;

/// <summary>
/// What a shadow-model attack model sees of one output: <c>log-softmax</c> (Irolla's code feeds the target's
/// log-softmax), <c>posterior</c> (softmax, Shokri et al.), <c>sorted</c> (softmax sorted descending: class-agnostic),
/// <c>top-k</c> (the <see cref="TopK"/> largest, sorted), <c>true-class</c> (the true label's probability alone).
/// </summary>
public sealed class AttackFeatureSpec
{
    public string Kind { get; set; } = "posterior";
    public int TopK { get; set; } = 3;

    public static readonly string[] Kinds = ["log-softmax", "posterior", "sorted", "top-k", "true-class"];

    public void Validate()
    {
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"shadowAttack:features:kind '{Kind}' is unknown: use {string.Join(", ", Kinds)}.");
        if (Kind == "top-k" && TopK < 1) throw new ArgumentException($"shadowAttack:features:topK must be ≥ 1, not {TopK}.");
    }

    public override string ToString() => Kind == "top-k" ? $"top-{TopK}" : Kind;
}
