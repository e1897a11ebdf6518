using System.Text.Json.Serialization;
using MiaRepro.Defenses;
using MiaRepro.Training;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// How each shadow is trained (Li et al.'s l-Leaks, §4, Table 3). <c>labels</c> (absent = this; Shokri's "general"
/// shadow): on the shadow set's labels, like the target. <c>softmax</c>: distilled from the target's outputs on the
/// shadow set at T = 1; <c>mi-softmax</c>: the same at a temperature T &gt; 1 (Eq. 8: α·T²·KL + β·CE). The attacker
/// queries the target's released outputs on its own shadow set only (through the output store), never its weights.
/// <see cref="Release"/>: "logits", or "probabilities" (what most APIs return: logits recovered by log, up to a
/// constant, which leaves the loss unchanged).
/// </summary>
public sealed class ShadowConstructionSpec
{
    public const string Key = "shadows:construction";
    public static readonly string[] Kinds = ["labels", "softmax", "mi-softmax"];
    public static readonly string[] Releases = ["logits", "probabilities"];

    public string Kind { get; set; } = "labels";
    /// <summary>softmax: 1 (may be left out); mi-softmax: required, &gt; 1.</summary>
    public double? Temperature { get; set; }
    public double? Alpha { get; set; }
    public double? Beta { get; set; }
    public string Release { get; set; } = "logits";

    [JsonIgnore] public bool Distilled => Kind != "labels";
    [JsonIgnore] public double T => Temperature ?? 1;
    [JsonIgnore] public DistillationWeights Weights => new(Alpha ?? 1, Beta ?? 1);

    /// <summary>Throws naming the key. <paramref name="targetRelease"/>: shadowAttack:release, the target's output
    /// defense; <paramref name="defense"/>: shadowAttack:distillation (a distilled target).</summary>
    public void Validate(DefenseSpec? targetRelease, DistillationSpec? defense)
    {
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"{Key}:kind '{Kind}' is unknown: use {string.Join(", ", Kinds)}.");
        if (!Releases.Contains(Release)) throw new ArgumentException($"{Key}:release '{Release}' is unknown: use {string.Join(", ", Releases)}.");
        if (!Distilled)
        {
            if (Temperature is not null || Alpha is not null || Beta is not null || Release != "logits")
                throw new ArgumentException($"{Key}: kind \"labels\" trains on the shadow set's labels; temperature, alpha, beta and release apply to softmax and mi-softmax only.");
            return;
        }
        if (Temperature is { } t && (!(t > 0) || double.IsInfinity(t)))
            throw new ArgumentException($"{Key}:temperature must be a finite number > 0, not {t}.");
        if (Kind == "softmax" && T != 1)
            throw new ArgumentException($"{Key}:temperature is {T}, but \"softmax\" distils at T = 1: leave it out, or use kind \"mi-softmax\".");
        if (Kind == "mi-softmax" && !(T > 1))
            throw new ArgumentException($"{Key}:temperature must be > 1 for \"mi-softmax\" (got {(Temperature is null ? "none" : T.ToString())}): at T = 1 it is \"softmax\".");
        foreach (var (name, value) in new[] { ("alpha", Alpha), ("beta", Beta) })
            if (value is { } v && (!(v >= 0) || double.IsInfinity(v)))
                throw new ArgumentException($"{Key}:{name} must be a finite number ≥ 0, not {v}.");
        if (Weights is { Alpha: 0, Beta: 0 })
            throw new ArgumentException($"{Key}: alpha = beta = 0 leaves the shadow no loss: set alpha (the KL term) or beta (the label term) > 0.");
        if (targetRelease?.Name == "label-only")
            throw new ArgumentException($"{Key}:kind \"{Kind}\" distils from the target's {Release}, but shadowAttack:release is label-only: the target releases labels only. " +
                                        "Use kind \"labels\", or another release.");
        if (targetRelease is not null)
            throw new ArgumentException($"{Key}:kind \"{Kind}\" with shadowAttack:release {targetRelease.Name} is not built: distilling from masked or rounded outputs is not implemented.");
        if (defense is not null)
            throw new ArgumentException($"{Key}:kind \"{Kind}\" with shadowAttack:distillation is not built: the shadows of a distilled target are its students' shadows, not the target's imitators.");
    }

    public override string ToString() => Kind switch
    {
        "labels" => "labels",
        _ => $"{Kind} (T={T:G}, α={Weights.Alpha:G}, β={Weights.Beta:G}, from {Release})",
    };
}
