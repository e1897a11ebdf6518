using System.Collections.Immutable;

namespace MiaRepro.Measurements;

/// <summary>
/// A measurement's facets: each a value its <see cref="Facet"/> takes (checked when set), ordered as
/// <see cref="Facet.All"/>, compared by value. A facet not set reads "".
/// </summary>
public sealed class FacetValues : IEquatable<FacetValues>
{
    public static readonly FacetValues None = new(ImmutableSortedDictionary<string, string>.Empty);

    readonly ImmutableSortedDictionary<string, string> values;

    FacetValues(ImmutableSortedDictionary<string, string> values) => this.values = values;

    public FacetValues With(Facet facet, string value)
    {
        if (!facet.Takes(value)) throw new ArgumentException($"Facet {facet.Name} ({facet.Meaning}) takes {facet.Expected}, not '{value}'.");
        return new(values.SetItem(facet.Name, value));
    }

    public FacetValues With(Facet facet, double value) => With(facet, Facet.Text(value));

    /// <summary>These values and <paramref name="other"/>'s (which win where both set a facet).</summary>
    public FacetValues With(FacetValues other) => new(values.SetItems(other.values));

    /// <summary>Only the facets that describe the setting, not the attack (<see cref="Facet.OfAttack"/>).</summary>
    public FacetValues OfSetting() => new(values.RemoveRange(values.Keys.Where(k => Facet.Named(k)!.OfAttack)));

    public string this[string facet] => values.GetValueOrDefault(facet, "");

    public IEnumerable<string> Names => values.Keys;

    public bool Equals(FacetValues? other) => other is not null && values.Count == other.values.Count && values.All(kv => other[kv.Key] == kv.Value && other.values.ContainsKey(kv.Key));

    public override bool Equals(object? obj) => Equals(obj as FacetValues);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (k, v) in values) { hash.Add(k); hash.Add(v); }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(", ", Facet.All.Where(f => values.ContainsKey(f.Name)).Select(f => $"{f.Name}={values[f.Name]}"));
}
