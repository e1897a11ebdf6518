using System.Text.RegularExpressions;
using MiaRepro.Signals;

namespace MiaRepro.Measurements;

/// <summary>
/// Every attack name a measurement table can hold, one family per attack, so that a check naming an attack no run
/// produces is a loader error naming the known ones, never a "not run" line. The kinds' rows are held to it by a test
/// over every committed table (AttackNamesTests): a new attack adds its family here.
/// </summary>
public static class AttackNames
{
    const string SeparateTargets = LiraMeasurements.SeparateTargets;

    static string Signals => string.Join("|", SignalRegistry.Names.Select(Regex.Escape));

    /// <summary>Family → pattern (a whole name) and an example, for the error message and for globs.</summary>
    static readonly (string Family, Regex Pattern, string[] Examples)[] Families =
    [
        ("the all-member control", Whole(Regex.Escape(AllMemberAttack.Name)), [AllMemberAttack.Name]),
        ("the correct classification rule", Whole($"ccr({Regex.Escape(SeparateTargets)})?"), ["ccr", "ccr" + SeparateTargets]),
        ("the loss under the shadow (l-Leaks §5.5)", Whole("similarity-loss"), ["similarity-loss"]),
        ("the shadow-model attack, by its attack model", Whole("shadow-(mlp|svm)"), ["shadow-mlp", "shadow-svm"]),
        ("a global threshold on a signal", Whole($"({Signals})(-threshold)?({Regex.Escape(SeparateTargets)})?"),
            ["loss-threshold", "confidence-threshold", "logit-scaled-threshold", "max-confidence-threshold", "loss-threshold" + SeparateTargets]),
        ("LiRA, online or offline, global or per-example variance, k references", Whole($"lira-(online|offline) (global|per-example)( k=\\d+)?({Regex.Escape(SeparateTargets)})?"),
            ["lira-online global", "lira-offline per-example", "lira-online global k=8", "lira-online global" + SeparateTargets]),
        ("RMIA, online or offline with its a", Whole($"rmia-(online|offline a=(fitted|[0-9.]+))({Regex.Escape(SeparateTargets)})?"),
            ["rmia-online", "rmia-offline a=0.3", "rmia-offline a=fitted", "rmia-online" + SeparateTargets]),
        ("Bîndilă et al.'s KDE attack, by loss, leak % and evaluation", Whole($"kde-({Signals}) leak=[0-9.]+%( held-out| in-sample)?"),
            ["kde-cross-entropy leak=4% held-out", "kde-probability leak=1% in-sample", "kde-logit-scaled leak=16%"]),
    ];

    /// <summary>The KDE attack's losses (a facet of its name): the signals and their aliases.</summary>
    public static IReadOnlyList<string> Losses => SignalRegistry.Names;

    /// <summary>The KDE attack's evaluations (a facet of its name).</summary>
    public static readonly string[] Evaluations = ["held-out", "in-sample"];

    /// <summary>Whether a table may hold <paramref name="name"/> ("" is a model's own metric, no attack).</summary>
    public static bool Known(string name) => name.Length == 0 || Families.Any(f => f.Pattern.IsMatch(name));

    /// <summary>Throws naming the known families unless every alternative of a check's attack pattern can match a
    /// name a table may hold: a plain name must be known, a glob ("shadow-*") must match one of the examples.</summary>
    public static void RequireKnown(string pattern, string key)
    {
        foreach (var alternative in pattern.Split('|'))
        {
            var ok = alternative.Contains('*')
                ? Families.SelectMany(f => f.Examples).Any(e => Glob.Matches(e, alternative))
                : Known(alternative);
            if (!ok)
                throw new ArgumentException($"{key}:attack '{alternative}' names no attack a run measures. Known: " +
                                            string.Join("; ", Families.Select(f => $"{f.Family} ({string.Join(", ", f.Examples.Take(3))})")) + ".");
        }
    }

    static Regex Whole(string pattern) => new("^(" + pattern + ")$", RegexOptions.CultureInvariant);
}
