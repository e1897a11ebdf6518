namespace MiaRepro.Measurements;

/// <summary>Bîndilă et al.'s KDE attack as the measurement table names it: attack "kde", its loss and the leaked share
/// of members (%) as facets. Two kinds measure it (kde-leak, defense-matrix), so it is defined here, once.</summary>
public static class KdeAttackName
{
    public const string Name = Attacks.KdeGreyBoxAttack.Name;

    public static FacetValues Facets(string loss, double leakPercent) =>
        FacetValues.None.With(Facet.Loss, loss).With(Facet.Leak, leakPercent);
}
