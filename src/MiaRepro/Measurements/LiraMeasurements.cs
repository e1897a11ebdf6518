using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A lira claim (metrics.json's liraAttacks): per seed each attack's AUC and TPR at each measured FPR (in %), the
/// number of reference models in the attack's name ("lira-online global k=8"; none: all M − 1), the control's rows
/// under defense "shuffled-keep" (the keep mask permuted per example) and the real ones under "none"; rows on targets
/// trained apart from the set as "<attack> on separate targets"; and the
/// members' mean train and test accuracy per seed; RMIA offline's fitted a, the mean over targets (fitted-a); and where the run measured it (liraHeavyTail, absent in results
/// written before), the per-example detection of LiRA online at each FPR (HeavyTail): the true positives at per-target
/// thresholds (tp-count@X%fpr), the share of them on the top 1 % of examples (tp-share-top-1pct@X%fpr) and on examples
/// detected by at least half of their IN targets (tp-share-half-detected@X%fpr), each with its random-spread null's mean
/// (…-null), 99th percentile (…-null-q99) and permutation p (…-p).
/// </summary>
public static class LiraMeasurements
{
    public const string ShuffledKeep = "shuffled-keep";

    /// <summary>Suffix of the attacks' rows on targets trained apart from the reference set.</summary>
    public const string SeparateTargets = " on separate targets";

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
            if (ClaimScope.Text(row, "keep") == "separate") attack += SeparateTargets;
            var defense = ClaimScope.Text(row, "keep") == "shuffled" ? ShuffledKeep : "none";
            yield return scope.Row(variant, seed, target, attack, defense, "auc", row.GetProperty("auc").GetDouble());
            if (row.TryGetProperty("fittedA", out var fitted) && fitted.ValueKind == JsonValueKind.Array)
                yield return scope.Row(variant, seed, target, attack, defense, "fitted-a", fitted.EnumerateArray().Average(a => a.GetDouble()));
            foreach (var p in row.GetProperty("tprAtFprs").EnumerateArray())
                yield return scope.Row(variant, seed, target, attack, defense, MetricUnits.TprAtFpr(p.GetProperty("targetFpr").GetDouble()), p.GetProperty("tpr").GetDouble());
        }
        if (!metrics.TryGetProperty("liraHeavyTail", out var tails)) yield break;
        foreach (var row in tails.EnumerateArray())
        {
            var seed = row.GetProperty("seed").GetInt32();
            var attack = ClaimScope.Text(row, "attack");
            var defense = ClaimScope.Text(row, "keep") == "shuffled" ? ShuffledKeep : "none";
            var fpr = row.GetProperty("targetFpr").GetDouble();
            Measurement Row(string stem, double value) => scope.Row(variant, seed, target, attack, defense, MetricUnits.AtFpr(stem, fpr), value);
            yield return Row("tp-count", row.GetProperty("truePositives").GetInt32());
            foreach (var (name, stem) in new[] { ("top", "tp-share-top-1pct"), ("halfDetected", "tp-share-half-detected") })
            {
                var c = row.GetProperty(name);
                yield return Row(stem, c.GetProperty("share").GetDouble());
                yield return Row(stem + "-null", c.GetProperty("nullMean").GetDouble());
                yield return Row(stem + "-null-q99", c.GetProperty("nullQ99").GetDouble());
                yield return Row(stem + "-p", c.GetProperty("pValue").GetDouble());
            }
        }
    }
}
