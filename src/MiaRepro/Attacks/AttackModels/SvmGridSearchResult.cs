namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// What <see cref="SvmGridSearch"/> found: the model refitted on all rows with the best (C, γ), that point, and the
/// whole cross-validation table in grid order.
/// </summary>
public sealed record SvmGridSearchResult(RbfSvm Model, SvmGridPoint Best, IReadOnlyList<SvmGridPoint> Table, int Folds)
{
    public double BestC => Best.C;
    public double BestGamma => Best.Gamma;
    public double BestMeanAccuracy => Best.MeanAccuracy;
}
