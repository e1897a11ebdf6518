namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// One assertion of a defense-matrix claim on trial means, in each variant (or <see cref="Variant"/> only).
/// M(d, a) is <see cref="Metric"/> of attack a against defense d (labels as in the matrix, e.g. "top-1", "L2 λ=0.01");
/// metric "test-accuracy" / "train-accuracy" reads the defense's utility (attack ignored). <see cref="Kind"/>:
/// <c>lower-than</c>: M(Defense, Attack) ≤ M(Other, OtherAttack) − Tolerance (the defense lowers it);
/// <c>near-cell</c>: |M(Defense, Attack) − M(Other, OtherAttack)| ≤ Tolerance (the defense leaves it intact, or two attacks agree);
/// <c>near</c>: |M(Defense, Attack) − Value| ≤ Tolerance; <c>at-most</c> / <c>at-least</c>: M ≤ / ≥ Value.
/// Other defaults to "none", OtherAttack to Attack. With <see cref="Recorded"/> the statement is known not to hold here:
/// the line reads "deviates" and asserts the compared quantity stays within <see cref="Stability"/> of Recorded.
/// </summary>
public sealed class DefenseAssertion
{
    public string Kind { get; set; } = "";
    public string What { get; set; } = "";
    public string Variant { get; set; } = "";
    public string Defense { get; set; } = "";
    public string Attack { get; set; } = "";
    public string Other { get; set; } = "none";
    public string OtherAttack { get; set; } = "";
    public string Metric { get; set; } = "advantage";
    public double Value { get; set; }
    public double Tolerance { get; set; }
    public double? Recorded { get; set; }
    public double Stability { get; set; }
    public string Reason { get; set; } = "";

    public static readonly string[] Kinds = ["lower-than", "near-cell", "near", "at-most", "at-least"];
    public static readonly string[] Metrics = ["accuracy", "advantage", "auc", "tpr-at-1pct-fpr", "test-accuracy", "train-accuracy"];

    public void Validate(string key)
    {
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"{key}:kind '{Kind}' is unknown: use {string.Join(", ", Kinds)}.");
        if (!Metrics.Contains(Metric)) throw new ArgumentException($"{key}:metric '{Metric}' is unknown: use {string.Join(", ", Metrics)}.");
        if (What.Length == 0) throw new ArgumentException($"{key}:what (the claim in words) is required.");
        if (Defense.Length == 0) throw new ArgumentException($"{key}:defense (a row label of the matrix) is required.");
        if (Attack.Length == 0 && Metric is not ("test-accuracy" or "train-accuracy")) throw new ArgumentException($"{key}:attack is required for metric '{Metric}'.");
        if (Tolerance < 0) throw new ArgumentException($"{key}:tolerance must be ≥ 0, not {Tolerance}.");
        if (Kind is "near" or "near-cell" && !(Tolerance > 0)) throw new ArgumentException($"{key}:tolerance must be > 0 for '{Kind}'.");
        if (Recorded is not null && !(Stability > 0)) throw new ArgumentException($"{key}: a recorded deviation needs stability > 0.");
    }
}
