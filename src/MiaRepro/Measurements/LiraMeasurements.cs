using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A lira claim (metrics.json's liraAttacks): per seed each attack's AUC and TPR at each measured FPR (in %), with
/// facets: the variance and RMIA's a (<see cref="ManyModelAttackNames"/>), the reference models per example (references,
/// "all": every other model), the keep mask (keep: real, or shuffled per example — the control) and the targets
/// (leave-one-out, or separate: trained apart from the set); and the
/// members' mean train and test accuracy per seed; RMIA offline's fitted a, the mean over targets (fitted-a); and where the run measured it (liraHeavyTail, absent in results
/// written before), the per-example detection of LiRA online at each FPR (HeavyTail): the true positives at per-target
/// thresholds (tp-count@X%fpr), the share of them on the top 1 % of examples (tp-share-top-1pct@X%fpr) and on examples
/// detected by at least half of their IN targets (tp-share-half-detected@X%fpr), each with its random-spread null's mean
/// (…-null), 99th percentile (…-null-q99) and permutation p (…-p).
/// </summary>
public static class LiraMeasurements
{
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
            var (attack, facets) = ManyModelAttackNames.Split(ClaimScope.Text(row, "attack"));
            facets = facets.With(Setting(row));
            if (row.TryGetProperty("references", out var k) && k.ValueKind == JsonValueKind.Number) facets = facets.With(Facet.References, k.GetInt32());
            else if (ManyModelAttackNames.UsesReferences(attack)) facets = facets.With(Facet.References, "all");
            yield return scope.Row(variant, seed, target, attack, "none", "auc", row.GetProperty("auc").GetDouble(), facets);
            if (row.TryGetProperty("fittedA", out var fitted) && fitted.ValueKind == JsonValueKind.Array)
                yield return scope.Row(variant, seed, target, attack, "none", "fitted-a", fitted.EnumerateArray().Average(a => a.GetDouble()), facets);
            foreach (var p in row.GetProperty("tprAtFprs").EnumerateArray())
                yield return scope.Row(variant, seed, target, attack, "none", MetricUnits.TprAtFpr(p.GetProperty("targetFpr").GetDouble()), p.GetProperty("tpr").GetDouble(), facets);
        }
        if (!metrics.TryGetProperty("liraHeavyTail", out var tails)) yield break;
        foreach (var row in tails.EnumerateArray())
        {
            var seed = row.GetProperty("seed").GetInt32();
            var (attack, facets) = ManyModelAttackNames.Split(ClaimScope.Text(row, "attack"));
            facets = facets.With(Setting(row)).With(Facet.References, "all");   // heavy tail: LiRA online on every reference
            var fpr = row.GetProperty("targetFpr").GetDouble();
            Measurement Row(string stem, double value) => scope.Row(variant, seed, target, attack, "none", MetricUnits.AtFpr(stem, fpr), value, facets);
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

    /// <summary>A row's keep ("true", "shuffled" or "separate", as LiraRunner stores it) as the keep and targets facets.</summary>
    static FacetValues Setting(JsonElement row) => ClaimScope.Text(row, "keep") switch
    {
        "shuffled" => FacetValues.None.With(Facet.Keep, "shuffled").With(Facet.Targets, "leave-one-out"),
        "separate" => FacetValues.None.With(Facet.Keep, "real").With(Facet.Targets, "separate"),
        _ => FacetValues.None.With(Facet.Keep, "real").With(Facet.Targets, "leave-one-out"),
    };
}
