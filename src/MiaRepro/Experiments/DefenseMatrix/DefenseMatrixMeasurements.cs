using MiaRepro.Measurements;

namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// A defense-matrix run's measurements: each defense's utility (train and test accuracy of the released output) and
/// each attack × defense cell's metrics, their means over trials (all in %, as <see cref="DefenseMatrixCell"/> holds them), on
/// the run's one target seed. Cells an attack does not apply to (NotApplicable) have no numbers and give no rows.
/// </summary>
static class DefenseMatrixMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, IReadOnlyList<ExperimentSpec> variants, IEnumerable<DefenseUtility> utility,
        IEnumerable<DefenseMatrixCell> cells)
    {
        var spec = variants[0];
        var seed = spec.Seeds[0];   // DefenseMatrixRunner trains spec.Seeds[0] only
        var models = SweepTargets.SweepMeasurements.Models(variants);
        var kde = KdeAttackName.Facets(spec.DefenseMatrix.Loss, spec.DefenseMatrix.LeakPercent).With(Facet.Evaluation, "held-out");
        // Rows hold a defense's label ("L2 λ=0.01"); the matrix lists each label's name and parameter.
        var defenses = spec.DefenseMatrix.Defenses.ToDictionary(d => d.Label, ClaimScope.Defense);
        foreach (var u in utility)
        {
            var (defense, facets) = defenses[u.Defense];
            yield return scope.Row(u.Variant, seed, models[u.Variant], "", defense, "train-accuracy", u.TrainAccuracy, facets);
            yield return scope.Row(u.Variant, seed, models[u.Variant], "", defense, "test-accuracy", u.TestAccuracy, facets);
        }
        foreach (var c in cells)
        {
            var (defense, setting) = defenses[c.Defense];
            var (attack, facets) = c.Attack == KdeAttackName.Name ? (KdeAttackName.Name, setting.With(kde)) : (c.Attack, setting);
            Measurement Row(string metric, double mean) => scope.Row(c.Variant, seed, models[c.Variant], attack, defense, metric, mean, facets);
            foreach (var m in c.Metrics) yield return Row(m.Metric, m.Stat.Mean);
        }
    }
}
