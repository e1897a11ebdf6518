using System.Globalization;
using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// One attack's leave-one-model-out scores: the attack's own name (defined beside its code: <see cref="Lira.OnlineName"/>,
/// <see cref="Rmia.OfflineName"/>, …) and, typed, the parameters that tell its variants apart, so that tables take them
/// as facets as they are and nothing packs them into the name to parse back.
/// </summary>
public sealed record AttackScores(string Attack, MembershipScores Scores)
{
    /// <summary>LiRA's variance; null for every other attack.</summary>
    public LiraVariance? Variance { get; init; }

    /// <summary>RMIA offline's fixed a; null for every other attack and for the fitted one (<see cref="FittedA"/>).</summary>
    public double? A { get; init; }

    /// <summary>For RMIA offline with a fitted per target (<see cref="RmiaOfflineA"/>), each target's a; null for every other attack.</summary>
    public double[]? FittedA { get; init; }

    /// <summary>Readable text for plots, logs and the CLI's table ("lira-online global", "rmia-offline a=0.3"); never parsed.</summary>
    public string Label => LabelOf(Attack, Variance, A, FittedA is not null);

    public static string LabelOf(string attack, LiraVariance? variance, double? a, bool fittedA) =>
        attack + (variance is { } v ? " " + LiraOptions.NameOf(v) : "") + (a is { } x ? " a=" + ATextOf(x) : "") + (fittedA ? " a=fitted" : "");

    /// <summary>a as tables write it (round-trip, invariant).</summary>
    public static string ATextOf(double a) => a.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Whether the attack reads reference models (LiRA and RMIA); the global thresholds and CCR read the target alone.</summary>
    public bool UsesReferences => UsesReferencesOf(Attack);

    public static bool UsesReferencesOf(string attack) => attack is Lira.OnlineName or Lira.OfflineName or Rmia.OnlineName or Rmia.OfflineName;

    /// <summary>LiRA online with the global σ: the attack whose per-example detection is measured and drawn.</summary>
    public bool IsLiraOnlineGlobal => Attack == Lira.OnlineName && Variance == LiraVariance.Global;
}
