using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>An l2-sweep's (and a kde-leak's) targets: train and test accuracy and their gap per variant × λ × seed
/// (perSeed), or per row's mean where a result has no per-seed list.</summary>
public static class L2SweepMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics)
    {
        if (metrics.TryGetProperty("perSeed", out var perSeed) && perSeed.ValueKind == JsonValueKind.Array && perSeed.GetArrayLength() > 0)
        {
            foreach (var c in perSeed.EnumerateArray())
            {
                var (variant, lambda, seed) = (c.GetProperty("variant").GetString()!, c.GetProperty("lambda").GetDouble(), c.GetProperty("seed").GetInt32());
                var (train, test) = (c.GetProperty("trainAccuracy").GetDouble(), c.GetProperty("testAccuracy").GetDouble());
                foreach (var (metric, value) in new[] { ("train-accuracy", train), ("test-accuracy", test), ("gap", train - test) })
                    yield return scope.Row(variant, seed, Target(lambda), "", ClaimScope.L2Defense(lambda), metric, value);
            }
            yield break;
        }
        foreach (var r in metrics.GetProperty("rows").EnumerateArray())
        {
            var (variant, lambda) = (r.GetProperty("variant").GetString()!, r.GetProperty("lambda").GetDouble());
            foreach (var (property, metric) in new[] { ("train", "train-accuracy"), ("test", "test-accuracy"), ("gap", "gap") })
                yield return scope.Row(variant, null, Target(lambda), "", ClaimScope.L2Defense(lambda), metric, r.GetProperty(property).GetProperty("mean").GetDouble());
        }
    }

    public static string Target(double lambda) => $"lambda={ClaimScope.Number(lambda)}";
}
