using MiaRepro.Attacks;
using MiaRepro.Measurements;
using MiaRepro.Metrics;
using MiaRepro.Privacy;

namespace MiaRepro.Experiments.DpAudit;

/// <summary>
/// A dp-audit run's measurements, per variant and seed (one training run each), defense "dp-sgd" and facet fault: the
/// accountant's ε (epsilon-claimed) and the membership advantage it allows (advantage-bound, 100·(e^ε − 1) %), the model's train and test accuracy; and per observation (facet observe) the
/// gradient-canary attack's one-run audit: ε lower bound (epsilon-lower-bound), guesses, correct guesses, and the AUC and
/// membership advantage of its scores over all canaries (facet audit one-run); with audit:manyRuns, per variant,
/// attack and observation the many-run bound over all R trainings (audit many-run, no seed: one statistic over the runs) and R (runs).
/// </summary>
static class DpAuditMeasurements
{
    public const string Defense = ClaimScope.DpSgdDefense;

    public static IEnumerable<Measurement> From(ClaimScope scope, string target, IEnumerable<DpAuditRunner.Audited> runs,
        IEnumerable<DpAuditRunner.ManyRun> manyRuns)
    {
        foreach (var many in manyRuns)
        {
            var audit = many.ByRuns[^1];
            var facets = FacetValues.None.With(Facet.Fault, many.Fault).With(Facet.Observe, many.Observe).With(Facet.Audit, ManyRunAudit.Name);
            // Pooled over runs, not per seed: the many-run audit is one statistic over all its trainings.
            yield return scope.Row(many.Variant, null, target, many.Attack, Defense, "epsilon-lower-bound", audit.Bound.Epsilon, facets);
            yield return scope.Row(many.Variant, null, target, many.Attack, Defense, "runs", audit.Runs, facets);
        }
        foreach (var run in runs)
        {
            var setting = FacetValues.None.With(Facet.Fault, run.Fault);
            Measurement Row(string attack, string metric, double value, FacetValues facets) =>
                scope.Row(run.Variant, run.Seed, target, attack, Defense, metric, value, facets);
            yield return Row("", "epsilon-claimed", run.Claimed.Epsilon, setting);
            // Yeom et al. 2018 (Theorem 1): an ε-DP training algorithm allows a membership advantage of at most e^ε − 1.
            yield return Row("", "advantage-bound", 100 * (Math.Exp(run.Claimed.Epsilon) - 1), setting);
            yield return Row("", "train-accuracy", run.TrainAccuracy, setting);
            yield return Row("", "test-accuracy", run.TestAccuracy, setting);
            foreach (var audit in run.Audits)
            {
                var facets = setting.With(Facet.Observe, audit.Observe).With(Facet.Audit, OneRunAudit.Name);
                yield return Row(audit.Attack, "epsilon-lower-bound", audit.EpsilonLowerBound, facets);
                yield return Row(audit.Attack, "guesses", audit.Guesses.Guesses, facets);
                yield return Row(audit.Attack, "correct-guesses", audit.Guesses.Correct, facets);
                yield return Row(audit.Attack, "auc", audit.Auc, facets);
                yield return Row(audit.Attack, "advantage", audit.Advantage, facets);
            }
        }
    }
}
