using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// Which measurements a check reads: facet → pattern, every facet must match. A pattern is one or more alternatives
/// separated by '|'; an alternative matches a number facet by value (0.010 = 0.01), any other by text, where '*' stands
/// for any run of characters ("shadow-*"). A facet left out matches anything.
/// </summary>
public sealed class Selection
{
    readonly IReadOnlyDictionary<string, string> patterns;

    public Selection(IReadOnlyDictionary<string, string> patterns)
    {
        foreach (var facet in patterns.Keys)
            if (!Facets.Names.Contains(facet)) throw new ArgumentException($"'{facet}' is not a facet of a measurement: use {string.Join(", ", Facets.Names)}.");
        this.patterns = patterns;
    }

    public IReadOnlyDictionary<string, string> Patterns => patterns;

    /// <summary>This selection with <paramref name="overrides"/> replacing (or adding) facets.</summary>
    public Selection With(IReadOnlyDictionary<string, string> overrides)
    {
        var merged = patterns.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (facet, pattern) in overrides) merged[facet] = pattern;
        return new(merged);
    }

    public IEnumerable<Measurement> From(IEnumerable<Measurement> rows) => rows.Where(Matches);

    public bool Matches(Measurement m) => patterns.All(p => Match(Facets.Of(m, p.Key), p.Value, Facets.IsNumeric(p.Key)));

    static bool Match(string value, string pattern, bool numeric) =>
        pattern.Split('|').Any(alternative => numeric && Facets.Number(alternative) is { } a && Facets.Number(value) is { } v ? a == v
            : alternative.Contains('*') ? Glob.Matches(value, alternative)
            : value == alternative);

    public override string ToString() => string.Join(", ", patterns.OrderBy(p => Array.IndexOf(Facets.Names, p.Key)).Select(p => $"{p.Key}={p.Value}"));
}
