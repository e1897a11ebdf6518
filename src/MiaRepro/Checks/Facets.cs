using System.Globalization;
using System.Text.RegularExpressions;
using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// What a check can select a measurement by: its columns (paper, claim, variant, seed, target, attack, defense, metric)
/// and the facets the column texts encode — <c>lambda</c> (target "lambda=0.01"), and for the KDE attack's rows
/// ("kde-cross-entropy leak=4% held-out") <c>loss</c>, <c>leak</c> (percent) and <c>evaluation</c> (held-out or
/// in-sample). A measurement without a facet has "" for it.
/// </summary>
public static partial class Facets
{
    public static readonly string[] Names = ["paper", "claim", "variant", "seed", "target", "attack", "defense", "metric", "lambda", "loss", "leak", "evaluation"];

    /// <summary>Facets whose values are numbers: compared as numbers, ordered as numbers along a trend.</summary>
    public static bool IsNumeric(string facet) => facet is "seed" or "lambda" or "leak";

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
        "lambda" => LambdaPattern().Match(m.Target) is { Success: true } l ? l.Groups[1].Value : "",
        "loss" => KdePattern().Match(m.Attack) is { Success: true } k ? k.Groups["loss"].Value : "",
        "leak" => KdePattern().Match(m.Attack) is { Success: true } k ? k.Groups["leak"].Value : "",
        "evaluation" => KdePattern().Match(m.Attack) is { Success: true } k ? k.Groups["evaluation"].Value : "",
        _ => throw new ArgumentException($"'{facet}' is not a facet of a measurement: use {string.Join(", ", Names)}."),
    };

    /// <summary>Throws naming the key and the known values unless every plain alternative of <paramref name="pattern"/>
    /// is a value the facet can take: a number for a numeric facet, a known loss or evaluation; a typo is a loader error,
    /// never a "not run" line. Globs and the free-text facets (variant, target, defense: checked elsewhere or by the run) pass.</summary>
    public static void RequireKnownValue(string facet, string pattern, string key)
    {
        foreach (var value in pattern.Split('|').Where(v => !v.Contains('*')))
        {
            string[]? known = facet switch { "loss" => [.. AttackNames.Losses], "evaluation" => AttackNames.Evaluations, _ => null };
            if (IsNumeric(facet) && Number(value) is null)
                throw new ArgumentException($"{key}:{facet} '{value}' is not a number.");
            if (known is not null && !known.Contains(value))
                throw new ArgumentException($"{key}:{facet} '{value}' is unknown: use {string.Join(", ", known)}.");
        }
    }

    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;

    [GeneratedRegex(@"^lambda=(.+)$")]
    private static partial Regex LambdaPattern();

    [GeneratedRegex(@"^kde-(?<loss>.+?) leak=(?<leak>[0-9.eE+-]+)%(?: (?<evaluation>held-out|in-sample))?$")]
    private static partial Regex KdePattern();
}
