using MiaRepro.Attacks;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.DpAudit;

/// <summary>The audit's ε lower bound against the trainings it took, seen every step: per variant the many-run bound
/// after 4, 8, …, R runs, the one-run bound (mean over seeds) at 1 run, and the claimed ε across the axis.</summary>
static class DpAuditFigures
{
    public static Figure BoundVsRuns(IReadOnlyList<DpAuditRunner.Audited> oneRun, IReadOnlyList<DpAuditRunner.ManyRun> manyRuns, double confidence)
    {
        var series = new List<Series>();
        var most = manyRuns.Max(m => m.ByRuns[^1].Runs);
        foreach (var many in manyRuns.Where(m => m.Observe == GradientCanaryAttack.SeesEveryStep))
        {
            series.Add(new($"{many.Variant}: many-run", [.. many.ByRuns.Select(r => (double)r.Runs)], [.. many.ByRuns.Select(r => r.Bound.Epsilon)]));
            var runs = oneRun.Where(r => r.Variant == many.Variant).ToList();
            if (runs.Count == 0) continue;
            var bound = runs.Average(r => r.Audits.Single(a => a.Observe == GradientCanaryAttack.SeesEveryStep).EpsilonLowerBound);
            series.Add(new($"{many.Variant}: one-run (mean of {runs.Count})", [1.0], [bound]) { MarkersOnly = true });
        }
        // One line per claimed ε: variants that claim the same ε (a planted bug claims the correct run's) share it.
        foreach (var claimed in manyRuns.Where(m => m.Observe == GradientCanaryAttack.SeesEveryStep)
                     .Select(m => (m.Variant, Run: oneRun.FirstOrDefault(r => r.Variant == m.Variant))).Where(v => v.Run is not null)
                     .GroupBy(v => v.Run!.Claimed.Epsilon))
            series.Add(new($"claimed ε {claimed.Key:F2} ({string.Join(", ", claimed.Select(v => v.Variant))})", [1.0, most], [claimed.Key, claimed.Key]));
        return new($"ε lower bound at {confidence:P0} confidence against trainings (auditor sees every step)", "training runs", "ε lower bound", series, LogX: true);
    }
}
