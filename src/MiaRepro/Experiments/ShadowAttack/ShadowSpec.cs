using System.Text.Json.Serialization;
using MiaRepro.Models;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// Shokri et al.'s shadow models: <see cref="Count"/> models trained like the target, each on <see cref="Size"/> examples
/// drawn from the split part <see cref="InFrom"/> (its members) and evaluated on <see cref="Size"/> from <see cref="OutFrom"/>
/// (its non-members). When both name the same pool, each shadow's in and out samples are disjoint halves of one draw.
/// <see cref="Disjoint"/>: shadows never share an example (the pool must hold Count × the draw); otherwise each shadow
/// draws independently and shadows overlap (Irolla's code: fixed_random_subset(…, 5000, seed=i)).
/// </summary>
public sealed class ShadowSpec
{
    public int Count { get; set; }
    public int Size { get; set; }
    public string InFrom { get; set; } = "shadowIn";
    public string OutFrom { get; set; } = "shadowOut";
    public bool Disjoint { get; set; }
    /// <summary>Epochs for the shadows; 0 = the target's.</summary>
    public int Epochs { get; set; }
    /// <summary>How each shadow is trained: null = on labels, as before (l-Leaks: <see cref="ShadowConstructionSpec"/>).</summary>
    public ShadowConstructionSpec? Construction { get; set; }
    /// <summary>Classes left out of every shadow's data (Li et al. Table 2: every 2); the shadows' accuracy on the
    /// dataset's test images of them is measured (<see cref="UnseenClasses"/>). Null or empty: none.</summary>
    public int[]? WithoutClasses { get; set; }
    /// <summary>The shadows' own architecture (Li et al. Table 4: a shadow need not share the target's); null = the
    /// target's model, so every job key is as it was before this key existed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelSpec? Model { get; set; }

    public void Validate(IReadOnlyDictionary<string, Data.SplitPart> split)
    {
        if (Count < 1) throw new ArgumentException($"shadows:count must be ≥ 1, not {Count}.");
        if (Size < 1) throw new ArgumentException($"shadows:size must be ≥ 1, not {Size}.");
        if (Epochs < 0) throw new ArgumentException($"shadows:epochs must be ≥ 0 (0 = the target's), not {Epochs}.");
        foreach (var (key, part) in new[] { ("inFrom", InFrom), ("outFrom", OutFrom) })
            if (!split.ContainsKey(part))
                throw new ArgumentException($"shadows:{key} names split part '{part}', which the split does not have ({string.Join(", ", split.Keys)}).");
        if (WithoutClasses is { } without)
        {
            if (without.Length == 0) throw new ArgumentException("shadows:withoutClasses is empty: name the classes to leave out of the shadows' data, or leave the key out.");
            if (without.Any(c => c < 0)) throw new ArgumentException($"shadows:withoutClasses must be class indices ≥ 0, not [{string.Join(", ", without)}].");
            if (without.Distinct().Count() != without.Length) throw new ArgumentException($"shadows:withoutClasses names a class twice: [{string.Join(", ", without)}].");
        }
        if (Model is { } model && !ModelSpec.Types.Contains(model.Type))
            throw new ArgumentException($"shadows:model:type '{model.Type}' is unknown: use {string.Join(", ", ModelSpec.Types)}, or leave shadows:model out for the target's.");
        foreach (var (key, part) in new[] { ("inFrom", InFrom), ("outFrom", OutFrom) })
            if (part is "members" or "nonMembers")
                throw new ArgumentException($"shadows:{key} is '{part}', the target's own data: shadows must train on a disjoint pool (e.g. shadowIn/shadowOut).");
    }
}
