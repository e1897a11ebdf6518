using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A defense-matrix claim: each defense's utility (train and test accuracy of the released output) and each attack ×
/// defense cell's mean over trials (all in %, AUC too, as DefenseMatrixCell stores them), on the run's one target seed.
/// Cells an attack does not apply to (notApplicable) have no numbers and give no rows.
/// </summary>
public static class DefenseMatrixMeasurements
{
    static readonly (string Property, string Metric)[] CellMetrics =
        [("accuracy", "accuracy"), ("advantage", "advantage"), ("auc", "auc"), ("tprAt1PctFpr", MetricUnits.TprAtFpr(0.01))];

    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics, IReadOnlyList<int> runSeeds)
    {
        int? seed = runSeeds.Count > 0 ? runSeeds[0] : null;   // DefenseMatrixRunner trains spec.Seeds[0] only
        var models = metrics.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => ClaimScope.Text(v, "model"));
        var matrix = metrics.GetProperty("matrix");
        var kde = KdeLeakMeasurements.Attack(ClaimScope.Text(matrix, "loss"), matrix.GetProperty("leakPercent").GetDouble()).With(Facet.Evaluation, "held-out");
        // Rows store a defense's label ("L2 λ=0.01"); the matrix lists each label's name and parameter.
        var defenses = matrix.GetProperty("defenses").EnumerateArray().ToDictionary(d => ClaimScope.Text(d, "label"), ClaimScope.Defense);
        foreach (var u in metrics.GetProperty("utility").EnumerateArray())
        {
            var (variant, (defense, facets)) = (u.GetProperty("variant").GetString()!, defenses[u.GetProperty("defense").GetString()!]);
            yield return scope.Row(variant, seed, models[variant], "", defense, "train-accuracy", u.GetProperty("trainAccuracy").GetDouble(), facets);
            yield return scope.Row(variant, seed, models[variant], "", defense, "test-accuracy", u.GetProperty("testAccuracy").GetDouble(), facets);
        }
        foreach (var c in metrics.GetProperty("cells").EnumerateArray())
        {
            var (variant, (defense, setting), stored) = (c.GetProperty("variant").GetString()!, defenses[c.GetProperty("defense").GetString()!], c.GetProperty("attack").GetString()!);
            var (attack, facets) = stored == "kde" ? (KdeLeakMeasurements.Name, setting.With(kde)) : (stored, setting);
            var atFprs = c.TryGetProperty("tprAtFprs", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(p => (Metric: MetricUnits.TprAtFpr(p.GetProperty("targetFpr").GetDouble()), Mean: p.GetProperty("tpr").GetProperty("mean").GetDouble())).ToList()
                : [];   // cells written before the list: TPR at 1% only
            foreach (var (metric, mean) in atFprs)
                yield return scope.Row(variant, seed, models[variant], attack, defense, metric, mean, facets);
            foreach (var (property, metric) in CellMetrics)
                if (c.TryGetProperty(property, out var stat) && stat.ValueKind == JsonValueKind.Object && atFprs.All(p => p.Metric != metric))
                    yield return scope.Row(variant, seed, models[variant], attack, defense, metric, stat.GetProperty("mean").GetDouble(), facets);
        }
    }
}
