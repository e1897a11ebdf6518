using MiaRepro.Attacks;
using MiaRepro.Signals;
using MiaRepro.Measurements;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// A shadow-attack run's measurements: per seed each target's and its shadows' accuracies, and every metric of every
/// attack's row as measured (named and in the units of MetricUnits).
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
            foreach (var m in a.Metrics) yield return Row(m.Metric, m.Value);
        }
    }

    /// <summary>The attack's name in tables: the shadow-model attack with its attack model (shadow-svm, shadow-mlp), a
    /// threshold attack by its signal ("loss" and its alias "cross-entropy" are loss-threshold), the others as named.</summary>
    static string Attack(string attack, ExperimentSpec variant) =>
        attack == ShadowAttackSpec.Shadow ? ShadowModelAttack.NameOf(variant.ShadowAttack.Model)
        : SignalRegistry.Names.Contains(attack) ? ThresholdAttack.NameOf(SignalRegistry.Get(attack))
        : attack;

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
