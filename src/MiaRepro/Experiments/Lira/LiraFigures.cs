using MiaRepro.Measurements;
using MiaRepro.Scoring;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using MiaRepro.Plots;
using LiraAttack = MiaRepro.Attacks.LikelihoodRatio.Lira;

namespace MiaRepro.Experiments.Lira;

/// <summary>The kind's TPR at a low FPR against the number of reference models (the paper's figure of TPR vs shadow
/// models); the ROC is <see cref="MembershipFigures.ThinnedRoc"/>, the per-example φ <see cref="PhiDistributionFigure"/>.</summary>
public static class LiraFigures
{
    /// <summary>TPR (%) at <paramref name="fpr"/> against k for each LiRA attack, the mean over seeds; the point at
    /// M − 1 is the run with every other model as a reference.</summary>
    public static Figure TprVsReferences(IReadOnlyList<LiraAttackRow> rows, int models, double fpr)
    {
        var lira = rows.Where(r => r.Keep == LiraRunner.TrueKeep && r.Attack is LiraAttack.OnlineName or LiraAttack.OfflineName).ToList();
        var series = lira.GroupBy(r => r.Label).Select(g =>
        {
            var points = g.GroupBy(r => r.References ?? models - 1).OrderBy(p => p.Key)
                .Select(p => (K: (double)p.Key, Tpr: p.Average(r => r[MetricUnits.TprAtFpr(fpr)]))).ToList();
            return new Series(g.Key, points.Select(p => p.K).ToArray(), points.Select(p => p.Tpr).ToArray());
        }).Where(s => s.X.Length > 1).ToList();
        return new($"LiRA: TPR at {100 * fpr:G}% FPR vs reference models ({models} models, leave-one-model-out)", "reference models per example (k)",
            $"TPR at {100 * fpr:G}% FPR (%)", series);   // linear k: a log axis over 2..M − 1 (less than a decade at smoke) shows no ticks
    }
}
