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
        var kde = $"kde-{ClaimScope.Text(matrix, "loss")} leak={ClaimScope.Number(matrix.GetProperty("leakPercent").GetDouble())}% held-out";
        foreach (var u in metrics.GetProperty("utility").EnumerateArray())
        {
            var (variant, defense) = (u.GetProperty("variant").GetString()!, u.GetProperty("defense").GetString()!);
            yield return scope.Row(variant, seed, models[variant], "", defense, "train-accuracy", u.GetProperty("trainAccuracy").GetDouble());
            yield return scope.Row(variant, seed, models[variant], "", defense, "test-accuracy", u.GetProperty("testAccuracy").GetDouble());
        }
        foreach (var c in metrics.GetProperty("cells").EnumerateArray())
        {
            var (variant, defense, stored) = (c.GetProperty("variant").GetString()!, c.GetProperty("defense").GetString()!, c.GetProperty("attack").GetString()!);
            var attack = stored == "kde" ? kde : stored;
            var atFprs = c.TryGetProperty("tprAtFprs", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(p => (Metric: MetricUnits.TprAtFpr(p.GetProperty("targetFpr").GetDouble()), Mean: p.GetProperty("tpr").GetProperty("mean").GetDouble())).ToList()
                : [];   // cells written before the list: TPR at 1% only
            foreach (var (metric, mean) in atFprs)
                yield return scope.Row(variant, seed, models[variant], attack, defense, metric, mean);
            foreach (var (property, metric) in CellMetrics)
                if (c.TryGetProperty(property, out var stat) && stat.ValueKind == JsonValueKind.Object && atFprs.All(p => p.Metric != metric))
                    yield return scope.Row(variant, seed, models[variant], attack, defense, metric, stat.GetProperty("mean").GetDouble());
        }
    }
}
