using MiaRepro.Metrics;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.Lira;

/// <summary>The kind's figures: every attack's ROC on log-log axes, and TPR at a low FPR against the number of
/// reference models (the paper's Fig. of TPR vs shadow models).</summary>
public static class LiraFigures
{
    /// <summary>
    /// The ROC of each attack, thinned to the points at 200 log-spaced FPRs from 10⁻⁵ to 1: a curve of M·N scores has
    /// as many points, and plot-data.json would carry them all; on log axes the thinned curve draws the same.
    /// </summary>
    public static Figure Roc(string title, IEnumerable<(string Attack, RocCurve Curve)> curves)
    {
        var grid = Enumerable.Range(0, 200).Select(i => Math.Pow(10, -5 + 5.0 * i / 199)).ToArray();
        double Clip(double rate) => Math.Max(rate, MembershipFigures.LogFloor);
        var series = curves.Select(c =>
        {
            var points = grid.Select(c.Curve.PointAtFpr).DistinctBy(p => (p.Fpr, p.Tpr)).ToList();
            return new Series($"{c.Attack} (AUC {c.Curve.Auc:F3})", points.Select(p => Clip(p.Fpr)).ToArray(), points.Select(p => Clip(p.Tpr)).ToArray());
        }).ToList();
        series.Add(new("chance", [MembershipFigures.LogFloor, 1], [MembershipFigures.LogFloor, 1]));
        return new(title, $"false positive rate (0 drawn at {MembershipFigures.LogFloor:G})", $"true positive rate (0 drawn at {MembershipFigures.LogFloor:G})",
            series, LogX: true, LogY: true);
    }

    /// <summary>TPR (%) at <paramref name="fpr"/> against k for each LiRA attack, the mean over seeds; the point at
    /// M − 1 is the run with every other model as a reference.</summary>
    public static Figure TprVsReferences(IReadOnlyList<LiraAttackRow> rows, int models, double fpr)
    {
        var lira = rows.Where(r => r.Keep == LiraRunner.TrueKeep && r.Attack.StartsWith("lira-", StringComparison.Ordinal)).ToList();
        var series = lira.GroupBy(r => r.Attack).Select(g =>
        {
            var points = g.GroupBy(r => r.References ?? models - 1).OrderBy(p => p.Key)
                .Select(p => (K: (double)p.Key, Tpr: p.Average(r => r.TprAtFprs.First(t => t.TargetFpr == fpr).Tpr))).ToList();
            return new Series(g.Key, points.Select(p => p.K).ToArray(), points.Select(p => p.Tpr).ToArray());
        }).Where(s => s.X.Length > 1).ToList();
        return new($"LiRA: TPR at {100 * fpr:G}% FPR vs reference models ({models} models, leave-one-model-out)", "reference models per example (k)",
            $"TPR at {100 * fpr:G}% FPR (%)", series);   // linear k: a log axis over 2..M − 1 (less than a decade at smoke) shows no ticks
    }
}
