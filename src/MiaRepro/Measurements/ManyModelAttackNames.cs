namespace MiaRepro.Measurements;

/// <summary>
/// A many-model attack's name as ManyModelAttacks gives it and lira metrics.json stores it ("lira-online global",
/// "rmia-offline a=0.3") → the attack and its facets (variance, a). The one place such a name is taken apart, by its
/// known grammar; any other name is an attack of its own.
/// </summary>
public static class ManyModelAttackNames
{
    public const string RmiaOffline = "rmia-offline";
    const string APrefix = RmiaOffline + " a=";

    public static (string Attack, FacetValues Facets) Split(string stored)
    {
        foreach (var lira in new[] { "lira-online", "lira-offline" })
            foreach (var variance in Facet.Variance.Words!)
                if (stored == $"{lira} {variance}") return (lira, FacetValues.None.With(Facet.Variance, variance));
        if (stored.StartsWith(APrefix, StringComparison.Ordinal)) return (RmiaOffline, FacetValues.None.With(Facet.A, stored[APrefix.Length..]));
        return (stored, FacetValues.None);
    }

    /// <summary>LiRA and RMIA read reference models (facet references); the global thresholds and CCR the target alone.</summary>
    public static bool UsesReferences(string attack) => attack.StartsWith("lira-", StringComparison.Ordinal) || attack.StartsWith("rmia-", StringComparison.Ordinal);
}
