namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// One assertion of a shadow-attack claim, over the seed means of <see cref="ShadowAttackRow"/> metrics
/// (percent, except "auc" in [0, 1]). <see cref="Kind"/>:
/// <c>near</c>: |metric of <see cref="Attack"/> in <see cref="Variant"/> − <see cref="Value"/>| ≤ <see cref="Tolerance"/> (a paper value);
/// <c>at-least</c> / <c>at-most</c>: metric ≥ / ≤ Value;
/// <c>near-attack</c>: |metric(Attack) − metric(<see cref="Other"/>)| ≤ Tolerance in Variant (Irolla: shadow attack ≈ CCR);
/// <c>decreasing</c> / <c>increasing</c>: the metric of Attack moves strictly over <see cref="Variants"/>, in order, by more
/// than <see cref="Tolerance"/> per step overall (last vs first);
/// <c>lower-than</c>: metric in Variant ≤ metric in <see cref="Other"/> (a variant) − Tolerance (a defense lowers it);
/// <c>near-variant</c>: |metric in Variant − metric in Other (a variant)| ≤ Tolerance (a defense barely changes it).
/// Metric "target-train"/"target-test"/"target-gap" read the target's accuracy (Attack ignored).
/// When <see cref="Recorded"/> is set, the paper's Value is known not to reproduce here: the line is "deviates" and the
/// test asserts |measured − Recorded| ≤ Tolerance (stability) instead; <see cref="Reason"/> says why.
/// </summary>
public sealed class AttackAssertion
{
    public string Kind { get; set; } = "";
    public string What { get; set; } = "";
    public string Variant { get; set; } = "";
    public string[] Variants { get; set; } = [];
    public string Attack { get; set; } = "";
    public string Other { get; set; } = "";
    public string Metric { get; set; } = "accuracy";
    public double Value { get; set; }
    public double Tolerance { get; set; }
    public double? Recorded { get; set; }
    public string Reason { get; set; } = "";

    public static readonly string[] Kinds = ["near", "at-least", "at-most", "near-attack", "decreasing", "increasing", "lower-than", "near-variant"];
    public static readonly string[] Metrics =
        ["target-train", "target-test", "target-gap", "accuracy", "balanced-accuracy", "precision", "recall", "advantage", "auc", "tpr-at-1pct-fpr", "class-mean-accuracy"];

    public void Validate(int index)
    {
        var key = $"check:assertions:{index}";
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"{key}:kind '{Kind}' is unknown: use {string.Join(", ", Kinds)}.");
        if (!Metrics.Contains(Metric)) throw new ArgumentException($"{key}:metric '{Metric}' is unknown: use {string.Join(", ", Metrics)}.");
        if (Tolerance < 0) throw new ArgumentException($"{key}:tolerance must be ≥ 0, not {Tolerance}.");
        if (Kind is "near" or "near-attack" or "near-variant" && !(Tolerance > 0)) throw new ArgumentException($"{key}:tolerance must be > 0 for '{Kind}'.");
        if (Kind is "decreasing" or "increasing" && Variants.Length < 2) throw new ArgumentException($"{key}:variants must list at least two variants for '{Kind}'.");
        if (Kind is "near-attack" or "lower-than" or "near-variant" && Other.Length == 0) throw new ArgumentException($"{key}:other is required for '{Kind}'.");
        if (What.Length == 0) throw new ArgumentException($"{key}:what (the claim in words) is required.");
    }
}
