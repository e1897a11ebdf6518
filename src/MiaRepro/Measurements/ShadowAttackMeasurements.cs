using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A shadow-attack claim's per-seed rows: each target's and its shadows' accuracies, and every attack's metrics.
/// AUC is stored in [0, 1] in these rows (ShadowAttackRow) and converted to the project's percent here.
/// </summary>
public static class ShadowAttackMeasurements
{
    static readonly (string Property, string Metric)[] TargetMetrics =
    [
        ("trainAccuracy", "train-accuracy"), ("testAccuracy", "test-accuracy"), ("gap", "gap"),
        ("shadowTrainAccuracy", "shadow-train-accuracy"), ("shadowTestAccuracy", "shadow-test-accuracy"),
        ("shadowUnseenClassAccuracy", "shadow-unseen-class-accuracy"), ("targetUnseenClassAccuracy", "target-unseen-class-accuracy"),   // null unless shadows:withoutClasses
    ];

    static readonly (string Property, string Metric)[] AttackMetrics =
    [
        ("members", "members"), ("nonMembers", "non-members"), ("accuracy", "accuracy"), ("balancedAccuracy", "balanced-accuracy"),
        ("precision", "precision"), ("recall", "recall"), ("advantage", "advantage"), ("auc", "auc"),
        ("tprAt1PctFpr", MetricUnits.TprAtFpr(0.01)), ("classMeanAccuracy", "class-mean-accuracy"), ("optimisticAccuracy", "optimistic-accuracy"),
        ("f1", "f1"),   // a fraction (MetricUnits), as Li et al.'s Table 3; absent or null in rows older than it
    ];

    public static IEnumerable<Measurement> From(ClaimScope scope, JsonElement metrics)
    {
        var variants = metrics.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        var perSeed = metrics.GetProperty("perSeed");
        foreach (var t in perSeed.GetProperty("targets").EnumerateArray())
        {
            var (name, seed) = (t.GetProperty("variant").GetString()!, t.GetProperty("seed").GetInt32());
            foreach (var (property, metric) in TargetMetrics)
                if (t.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    var (defense, facets) = Defense(variants[name]);
                    yield return scope.Row(name, seed, Target(variants[name]), "", defense, metric, value.GetDouble(), facets);
                }
        }
        foreach (var a in perSeed.GetProperty("attacks").EnumerateArray())
        {
            var (name, seed) = (a.GetProperty("variant").GetString()!, a.GetProperty("seed").GetInt32());
            var variant = variants[name];
            var attack = Attack(a.GetProperty("attack").GetString()!, variant);
            var atFprs = TprAtFprs(a);
            var (defense, facets) = Defense(variant);
            foreach (var (fpr, tpr) in atFprs)
                yield return scope.Row(name, seed, Target(variant), attack, defense, MetricUnits.TprAtFpr(fpr), tpr, facets);
            foreach (var (property, metric) in AttackMetrics)
            {
                if (!a.TryGetProperty(property, out var stored) || stored.ValueKind == JsonValueKind.Null || atFprs.Any(p => MetricUnits.TprAtFpr(p.Fpr) == metric)) continue;
                var value = stored.GetDouble();
                if (metric == "auc")
                {
                    if (value is < 0 or > 1) throw new FormatException($"{scope.Claim} {name} seed {seed} {attack}: a shadow-attack AUC of {value} is not in [0, 1].");
                    value *= 100;
                }
                yield return scope.Row(name, seed, Target(variant), attack, defense, metric, value, facets);
            }
        }
    }

    /// <summary>TPR (%) at each target FPR the row lists (tprAtFprs); none in rows written before the list existed,
    /// which have only tprAt1PctFpr.</summary>
    static IReadOnlyList<(double Fpr, double Tpr)> TprAtFprs(JsonElement row) =>
        row.TryGetProperty("tprAtFprs", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => (p.GetProperty("targetFpr").GetDouble(), p.GetProperty("tpr").GetDouble())).ToList()
            : [];

    /// <summary>"shadow" named with its attack model (shadow-svm, shadow-mlp); "loss" is the loss-threshold attack.</summary>
    static string Attack(string stored, JsonElement variant) => stored switch
    {
        "shadow" => $"shadow-{ClaimScope.Text(variant.GetProperty("shadowAttack"), "model")}",
        "loss" => "loss-threshold",
        _ => stored,
    };

    /// <summary>The target model: dataset, architecture and member count, e.g. "cifar10 PreetiCnn ds2500".</summary>
    static string Target(JsonElement variant)
    {
        var members = variant.TryGetProperty("split", out var split) && split.TryGetProperty("members", out var m) ? $" ds{m.GetProperty("size").GetInt32()}" : "";
        return $"{ClaimScope.Text(variant, "dataset")} {ClaimScope.Text(variant, "model")}{members}";
    }

    /// <summary>What protects the target — L2 in training, a distilled student, an output defense on the released
    /// posteriors, joined by " + "; "none" when nothing does — and each one's parameter as a facet.</summary>
    static (string Defense, FacetValues Facets) Defense(JsonElement variant)
    {
        var (parts, facets) = (new List<string>(), FacetValues.None);
        var lambda = variant.GetProperty("training").GetProperty("l2").GetProperty("lambda").GetDouble();
        if (lambda != 0) (parts, facets) = ([.. parts, "l2"], facets.With(Facet.Lambda, lambda));
        var attack = variant.GetProperty("shadowAttack");
        if (attack.TryGetProperty("distillation", out var d) && d.ValueKind == JsonValueKind.Object)
            (parts, facets) = ([.. parts, "distillation"], facets.With(Facet.Temperature, d.GetProperty("temperature").GetDouble()));
        if (attack.TryGetProperty("release", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            var (name, released) = ClaimScope.Defense(r);
            (parts, facets) = ([.. parts, name], facets.With(released));
        }
        return (parts.Count == 0 ? "none" : string.Join(" + ", parts), facets);
    }
}
