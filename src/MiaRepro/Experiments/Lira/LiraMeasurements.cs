using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Measurements;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// A lira run's measurements: per seed the members' mean train and test accuracy; each attack's AUC and TPR at each
/// measured FPR (in %), with facets: the variance and RMIA's a (<see cref="ManyModelFacets"/>), the reference models
/// per example (references, "all": every other model), the keep mask (keep: real, or shuffled per example — the control)
/// and the targets (leave-one-out, or separate: trained apart from the set); RMIA offline's fitted a, the mean over
/// targets (fitted-a); and LiRA online's per-example detection at each FPR (<see cref="LiraHeavyTailRow"/>): the true
/// positives at per-target thresholds (tp-count@X%fpr), the share of them on the top 1 % of examples
/// (tp-share-top-1pct@X%fpr) and on examples detected by at least half of their IN targets
/// (tp-share-half-detected@X%fpr), each with its random-spread null's mean (…-null), 99th percentile (…-null-q99) and
/// permutation p (…-p). Every row names the variant's defense (<see cref="Defense"/>): DP-SGD members give defense
/// "dp-sgd" with facet epsilon and the members' accountant ε per seed (epsilon-claimed). With lira:canaries every attack
/// row carries facet examples: all, or the canaries alone.
/// </summary>
static class LiraMeasurements
{
    public static IEnumerable<Measurement> From(ClaimScope scope, string variant, string target, IEnumerable<LiraRunner.Member> members,
        IEnumerable<LiraAttackRow> rows, IEnumerable<LiraHeavyTailRow> heavyTail, ExperimentSpec? spec = null)
    {
        var (defense, training) = spec is null ? ("none", FacetValues.None) : Defense(spec);
        foreach (var seed in members.GroupBy(m => m.Seed))
        {
            yield return scope.Row(variant, seed.Key, target, "", defense, "train-accuracy", seed.Average(m => m.TrainAccuracy), training);
            yield return scope.Row(variant, seed.Key, target, "", defense, "test-accuracy", seed.Average(m => m.TestAccuracy), training);
            // One σ, q and step count for every member: one ε; at σ = 0 it is ∞, which the epsilon facet already says.
            if (seed.Max(m => m.Epsilon ?? double.NaN) is var epsilon && double.IsFinite(epsilon))
                yield return scope.Row(variant, seed.Key, target, "", defense, "epsilon-claimed", epsilon, training);
        }
        foreach (var row in rows)
        {
            var facets = training.With(row.Facets).With(Setting(row.Keep));
            if (row.References is { } k) facets = facets.With(Facet.References, k);
            else if (AttackScores.UsesReferencesOf(row.Attack)) facets = facets.With(Facet.References, "all");
            Measurement Row(string metric, double value) => scope.Row(variant, row.Seed, target, row.Attack, defense, metric, value, facets);
            foreach (var m in row.Metrics) yield return Row(m.Metric, m.Value);
        }
        foreach (var row in heavyTail)
        {
            var facets = training.With(ManyModelFacets.Of(row.Variance, null, false)).With(Setting(row.Keep)).With(Facet.References, "all");   // heavy tail: LiRA online on every reference
            Measurement Row(string stem, double value) => scope.Row(variant, row.Seed, target, row.Attack, defense, MetricUnits.AtFpr(stem, row.TargetFpr), value, facets);
            yield return Row("tp-count", row.TruePositives);
            foreach (var (c, stem) in new[] { (row.Top, "tp-share-top-1pct"), (row.HalfDetected, "tp-share-half-detected") })
            {
                yield return Row(stem, c.Share);
                yield return Row(stem + "-null", c.NullMean);
                yield return Row(stem + "-null-q99", c.NullQ99);
                yield return Row(stem + "-p", c.PValue);
            }
        }
    }

    /// <summary>The variant's defense as rows name it: its output release (top-k, rounding, label-only) or its training
    /// (dp-sgd with ε, l2 with λ, none).</summary>
    public static (string Defense, FacetValues Facets) Defense(ExperimentSpec spec) =>
        spec.Lira.Release is { } release ? ClaimScope.Defense(release) : ClaimScope.Training(spec.Training);

    /// <summary>A row's keep ("true", "shuffled" or "separate", as LiraRunner sets it) as the keep and targets facets.</summary>
    static FacetValues Setting(string keep) => keep switch
    {
        "shuffled" => FacetValues.None.With(Facet.Keep, "shuffled").With(Facet.Targets, "leave-one-out"),
        "separate" => FacetValues.None.With(Facet.Keep, "real").With(Facet.Targets, "separate"),
        _ => FacetValues.None.With(Facet.Keep, "real").With(Facet.Targets, "leave-one-out"),
    };
}
