using MiaRepro.Measurements;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// A shadow-attack run's measurements: per seed each target's and its shadows' accuracies, and every attack's metrics
/// (AUC from the rows' [0, 1] to the project's percent; F1 a fraction, as Li et al.'s Table 3).
/// </summary>
static class ShadowAttackMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, IReadOnlyList<ExperimentSpec> variants, IReadOnlyList<TargetRow> targets,
        IReadOnlyList<ShadowAttackRow> rows)
    {
        var byName = variants.ToDictionary(v => v.Variant);
        foreach (var t in targets)
        {
            var v = byName[t.Variant];
            var (defense, facets) = Defense(v);
            Measurement Row(string metric, double value) => scope.Row(t.Variant, t.Seed, Target(v), "", defense, metric, value, facets);
            yield return Row("train-accuracy", t.TrainAccuracy);
            yield return Row("test-accuracy", t.TestAccuracy);
            yield return Row("gap", t.Gap);
            yield return Row("shadow-train-accuracy", t.ShadowTrainAccuracy);
            yield return Row("shadow-test-accuracy", t.ShadowTestAccuracy);
            if (t.ShadowUnseenClassAccuracy is { } shadowUnseen) yield return Row("shadow-unseen-class-accuracy", shadowUnseen);
            if (t.TargetUnseenClassAccuracy is { } targetUnseen) yield return Row("target-unseen-class-accuracy", targetUnseen);
        }
        foreach (var a in rows)
        {
            var v = byName[a.Variant];
            var (defense, facets) = Defense(v);
            var attack = Attack(a.Attack, v);
            Measurement Row(string metric, double value) => scope.Row(a.Variant, a.Seed, Target(v), attack, defense, metric, value, facets);
            foreach (var p in a.TprAtFprs) yield return Row(MetricUnits.TprAtFpr(p.TargetFpr), p.Tpr);
            yield return Row("members", a.Members);
            yield return Row("non-members", a.NonMembers);
            yield return Row("accuracy", a.Accuracy);
            yield return Row("balanced-accuracy", a.BalancedAccuracy);
            yield return Row("precision", a.Precision);
            yield return Row("recall", a.Recall);
            yield return Row("advantage", a.Advantage);
            if (a.Auc is < 0 or > 1) throw new InvalidOperationException($"{scope.Claim} {a.Variant} seed {a.Seed} {attack}: a shadow-attack AUC of {a.Auc} is not in [0, 1].");
            yield return Row("auc", 100 * a.Auc);
            if (a.TprAtFprs.All(p => MetricUnits.TprAtFpr(p.TargetFpr) != MetricUnits.TprAtFpr(0.01))) yield return Row(MetricUnits.TprAtFpr(0.01), a.TprAt1PctFpr);
            yield return Row("class-mean-accuracy", a.ClassMeanAccuracy);
            yield return Row("optimistic-accuracy", a.OptimisticAccuracy);
            if (a.F1 is { } f1) yield return Row("f1", f1);
        }
    }

    /// <summary>"shadow" named with its attack model (shadow-svm, shadow-mlp); "loss" is the loss-threshold attack.</summary>
    static string Attack(string attack, ExperimentSpec variant) => attack switch
    {
        "shadow" => $"shadow-{variant.ShadowAttack.Model}",
        "loss" => "loss-threshold",
        _ => attack,
    };

    /// <summary>The target model: dataset, architecture and member count, e.g. "cifar10 PreetiCnn ds2500".</summary>
    static string Target(ExperimentSpec variant) =>
        $"{variant.Dataset} {variant.Model}{(variant.Split.TryGetValue("members", out var m) ? $" ds{m.Size}" : "")}";

    /// <summary>What protects the target — L2 in training, a distilled student, an output defense on the released
    /// posteriors, joined by " + "; "none" when nothing does — and each one's parameter as a facet.</summary>
    static (string Defense, FacetValues Facets) Defense(ExperimentSpec variant)
    {
        var (parts, facets) = (new List<string>(), FacetValues.None);
        if (variant.Training.L2.Lambda != 0) (parts, facets) = ([.. parts, "l2"], facets.With(Facet.Lambda, variant.Training.L2.Lambda));
        if (variant.ShadowAttack.Distillation is { } d) (parts, facets) = ([.. parts, "distillation"], facets.With(Facet.Temperature, d.Temperature));
        if (variant.ShadowAttack.Release is { } r)
        {
            var (name, released) = ClaimScope.Defense(r);
            (parts, facets) = ([.. parts, name], facets.With(released));
        }
        return (parts.Count == 0 ? "none" : string.Join(" + ", parts), facets);
    }
}
