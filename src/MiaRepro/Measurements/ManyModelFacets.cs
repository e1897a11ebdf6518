using MiaRepro.Attacks.LikelihoodRatio;

namespace MiaRepro.Measurements;

/// <summary>
/// A many-model attack's typed parameters (<see cref="AttackScores"/>: LiRA's variance, RMIA offline's a, fixed or
/// fitted) as the facets its measurements carry; the attack's name stays plain.
/// </summary>
public static class ManyModelFacets
{
    public static FacetValues Of(AttackScores attack) => Of(attack.Variance, attack.A, attack.FittedA is not null);

    public static FacetValues Of(LiraVariance? variance, double? a, bool fittedA)
    {
        var facets = FacetValues.None;
        if (variance is { } v) facets = facets.With(Facet.Variance, LiraOptions.NameOf(v));
        if (a is { } x) facets = facets.With(Facet.A, AttackScores.ATextOf(x));
        if (fittedA) facets = facets.With(Facet.A, "fitted");
        return facets;
    }
}
