using System.Globalization;
using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// What a check can select a measurement by: its columns (paper, claim, variant, seed, target, attack, defense, metric)
/// and its <see cref="Facet"/>s (lambda, loss, leak, evaluation, references, keep, …). A measurement without a facet has
/// "" for it.
/// </summary>
public static class Facets
{
    static readonly string[] Columns = ["paper", "claim", "variant", "seed", "target", "attack", "defense", "metric"];

    public static readonly string[] Names = [.. Columns, .. Facet.All.Select(f => f.Name)];

    /// <summary>Facets whose values are numbers: compared as numbers, ordered as numbers along a trend.</summary>
    public static bool IsNumeric(string facet) => facet == "seed" || (Facet.Named(facet)?.Numeric ?? false);

    public static string Of(Measurement m, string facet) => facet switch
    {
        "paper" => m.Paper,
        "claim" => m.Claim,
        "variant" => m.Variant,
        "seed" => m.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
        "target" => m.Target,
        "attack" => m.Attack,
        "defense" => m.Defense,
        "metric" => m.Metric,
        _ when Facet.Named(facet) is not null => m.Facets[facet],
        _ => throw new ArgumentException($"'{facet}' is not a facet of a measurement: use {string.Join(", ", Names)}."),
    };

    /// <summary>Throws naming the key and the known values unless every plain alternative of <paramref name="pattern"/>
    /// is a value the facet can take (<see cref="Facet.Takes"/>; a seed is a number); a typo is a loader error, never a
    /// "not run" line. Globs, "" (the facet not set) and the free-text columns (variant, target, defense: checked
    /// elsewhere or by the run) pass.</summary>
    public static void RequireKnownValue(string facet, string pattern, string key)
    {
        foreach (var value in pattern.Split('|').Where(v => v.Length > 0 && !v.Contains('*')))
        {
            if (facet == "seed" && Number(value) is null) throw new ArgumentException($"{key}:{facet} '{value}' is not a number.");
            if (Facet.Named(facet) is { } f && !f.Takes(value))
                throw new ArgumentException($"{key}:{facet} '{value}' is unknown: {f.Name} ({f.Meaning}) takes {f.Expected}.");
        }
    }

    public static double? Number(string value) => Facet.Number(value);
}
