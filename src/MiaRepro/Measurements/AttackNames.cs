using System.Text.RegularExpressions;
using MiaRepro.Attacks;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Signals;

namespace MiaRepro.Measurements;

/// <summary>
/// Every attack name a measurement table can hold, one family per attack, each built from the name its attack defines
/// beside its code, so that a check naming an attack no run
/// produces is a loader error naming the known ones, never a "not run" line. The kinds' rows are held to it by a test
/// over every committed table (AttackNamesTests): a new attack adds its family here.
/// </summary>
public static class AttackNames
{
    static string Signals => string.Join("|", SignalRegistry.Names.Select(Regex.Escape));

    /// <summary>Family → pattern (a whole name) and an example, for the error message and for globs. Parameters are
    /// facets (<see cref="Facet"/>), never part of a name.</summary>
    static readonly (string Family, Regex Pattern, string[] Examples)[] Families =
    [
        ("the all-member control", Whole(Regex.Escape(AllMemberAttack.Name)), [AllMemberAttack.Name]),
        ("the correct classification rule", Whole(Regex.Escape(CorrectClassificationRule.Name)), [CorrectClassificationRule.Name]),
        ("the loss under the shadow (l-Leaks §5.5)", Whole(Regex.Escape(ShadowLossAttack.Name)), [ShadowLossAttack.Name]),
        ("the shadow-model attack, by its attack model", Whole(string.Join("|", ShadowModelAttack.AttackModels.Select(m => Regex.Escape(ShadowModelAttack.NameOf(m))))),
            [.. ShadowModelAttack.AttackModels.Select(ShadowModelAttack.NameOf)]),
        ("a global threshold on a signal", Whole(string.Join("|", SignalRegistry.All.Select(s => Regex.Escape(ThresholdAttack.NameOf(s))))),
            [.. new[] { SignalRegistry.Loss, SignalRegistry.Confidence, SignalRegistry.LogitScaled, SignalRegistry.MaxConfidence }.Select(ThresholdAttack.NameOf)]),
        ("LiRA, online or offline (facets variance, references)", Whole($"{Lira.OnlineName}|{Lira.OfflineName}"), [Lira.OnlineName, Lira.OfflineName]),
        ("RMIA, online or offline (facets a, references)", Whole($"{Rmia.OnlineName}|{Rmia.OfflineName}"), [Rmia.OnlineName, Rmia.OfflineName]),
        ("a privacy audit's gradient canaries (facet observe)", Whole(Regex.Escape(GradientCanaryAttack.Name)), [GradientCanaryAttack.Name]),
        ("Bîndilă et al.'s KDE attack (facets loss, leak, evaluation)", Whole(Regex.Escape(KdeGreyBoxAttack.Name)), [KdeGreyBoxAttack.Name]),
    ];

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
                                            string.Join("; ", Families.Select(f => $"{f.Family} ({string.Join(", ", f.Examples.Take(4))})")) + ".");
        }
    }

    static Regex Whole(string pattern) => new("^(" + pattern + ")$", RegexOptions.CultureInvariant);
}
