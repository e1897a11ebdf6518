using System.Text.Json;

namespace MiaRepro.Experiments.Measurements;

/// <summary>
/// A lira claim (metrics.json's liraAttacks): per seed each attack's AUC and TPR at each measured FPR (in %), the
/// number of reference models in the attack's name ("lira-online global k=8"; none: all M − 1), the control's rows
/// under defense "shuffled-keep" (the keep mask permuted per example) and the real ones under "none"; and the
/// members' mean train and test accuracy per seed.
/// </summary>
public static class LiraMeasurements
{
    public const string ShuffledKeep = "shuffled-keep";

    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics)
    {
        var (variant, target) = (ClaimScope.Text(metrics, "variant"), ClaimScope.Text(metrics, "target"));
        foreach (var seed in metrics.GetProperty("members").EnumerateArray().GroupBy(m => m.GetProperty("seed").GetInt32()))
        {
            yield return scope.Row(variant, seed.Key, target, "", "none", "train-accuracy", seed.Average(m => m.GetProperty("trainAccuracy").GetDouble()));
            yield return scope.Row(variant, seed.Key, target, "", "none", "test-accuracy", seed.Average(m => m.GetProperty("testAccuracy").GetDouble()));
        }
        foreach (var row in metrics.GetProperty("liraAttacks").EnumerateArray())
        {
            var seed = row.GetProperty("seed").GetInt32();
            var attack = ClaimScope.Text(row, "attack");
            if (row.TryGetProperty("references", out var k) && k.ValueKind == JsonValueKind.Number) attack += $" k={k.GetInt32()}";
            var defense = ClaimScope.Text(row, "keep") == "shuffled" ? ShuffledKeep : "none";
            yield return scope.Row(variant, seed, target, attack, defense, "auc", row.GetProperty("auc").GetDouble());
            foreach (var p in row.GetProperty("tprAtFprs").EnumerateArray())
                yield return scope.Row(variant, seed, target, attack, defense, MetricUnits.TprAtFpr(p.GetProperty("targetFpr").GetDouble()), p.GetProperty("tpr").GetDouble());
        }
    }
}
