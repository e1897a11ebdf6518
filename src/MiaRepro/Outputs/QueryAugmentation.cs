namespace MiaRepro.Outputs;

/// <summary>
/// The views of each example a model is queried on: "plain" (the image as is) and "mirror" (flipped left–right).
/// Slice 0 of the logits is always "plain", so attacks that use one query read the same numbers whatever else was queried.
/// </summary>
public static class QueryAugmentation
{
    public const string Plain = "plain";
    public const string Mirror = "mirror";

    public static IReadOnlyList<string> Known { get; } = [Plain, Mirror];

    /// <summary>The canonical name for <paramref name="name"/> (case-insensitive); throws naming the known ones.</summary>
    public static string Parse(string name) =>
        Known.FirstOrDefault(k => string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown query augmentation '{name}'; known: {string.Join(", ", Known)}.", nameof(name));

    /// <summary>Parses a list and checks it is non-empty, starts with "plain" and repeats nothing.</summary>
    public static IReadOnlyList<string> ParseList(IEnumerable<string> names)
    {
        var parsed = names.Select(Parse).ToList();
        if (parsed.Count == 0 || parsed[0] != Plain)
            throw new ArgumentException(
                $"Query augmentations [{string.Join(", ", parsed)}] must start with \"{Plain}\" (slice 0 is the unaugmented query every attack can rely on).",
                nameof(names));
        var repeated = parsed.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"Query augmentation \"{repeated.Key}\" is listed twice; each view is queried once.", nameof(names));
        return parsed;
    }
}
