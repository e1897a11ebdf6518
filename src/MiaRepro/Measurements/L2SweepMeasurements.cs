using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>An l2-sweep's (and a kde-leak's) targets: train and test accuracy and their gap per variant × λ × seed
/// (perSeed), or per row's mean where a result has no per-seed list. The target is the variant's model; λ is a facet.</summary>
public static class L2SweepMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics)
    {
        var models = Models(metrics);
        if (metrics.TryGetProperty("perSeed", out var perSeed) && perSeed.ValueKind == JsonValueKind.Array && perSeed.GetArrayLength() > 0)
        {
            foreach (var c in perSeed.EnumerateArray())
            {
                var (variant, lambda, seed) = (c.GetProperty("variant").GetString()!, c.GetProperty("lambda").GetDouble(), c.GetProperty("seed").GetInt32());
                var (train, test) = (c.GetProperty("trainAccuracy").GetDouble(), c.GetProperty("testAccuracy").GetDouble());
                var (defense, facets) = ClaimScope.L2(lambda);
                foreach (var (metric, value) in new[] { ("train-accuracy", train), ("test-accuracy", test), ("gap", train - test) })
                    yield return scope.Row(variant, seed, models.GetValueOrDefault(variant, ""), "", defense, metric, value, facets);
            }
            yield break;
        }
        foreach (var r in metrics.GetProperty("rows").EnumerateArray())
        {
            var (variant, lambda) = (r.GetProperty("variant").GetString()!, r.GetProperty("lambda").GetDouble());
            var (defense, facets) = ClaimScope.L2(lambda);
            foreach (var (property, metric) in new[] { ("train", "train-accuracy"), ("test", "test-accuracy"), ("gap", "gap") })
                yield return scope.Row(variant, null, models.GetValueOrDefault(variant, ""), "", defense, metric, r.GetProperty(property).GetProperty("mean").GetDouble(), facets);
        }
    }

    /// <summary>Variant name → its model ("LeNet5(average pooling)"), the target of its rows.</summary>
    public static IReadOnlyDictionary<string, string> Models(JsonElement metrics) =>
        metrics.TryGetProperty("variants", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().ToDictionary(x => x.GetProperty("name").GetString()!, x => ClaimScope.Text(x, "model"))
            : new Dictionary<string, string>();
}
