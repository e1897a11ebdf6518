using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.Lira;

/// <summary>The kind's figures: every attack's ROC on log-log axes, TPR at a low FPR against the number of
/// reference models (the paper's Fig. of TPR vs shadow models), and IN and OUT φ of single examples (the paper's figure
/// of per-example distributions).</summary>
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

    /// <summary>
    /// One example's φ under the models that trained on it (IN) and those that did not (OUT), each model a point, with
    /// the Gaussians LiRA fits (per-example means, global σ) as curves over ±4σ around both means, and further right by
    /// half that span, where the legend (drawn lower right) then covers no point. Points sit at density 0 (OUT) and at
    /// 5 % of the highest density (IN), so that they do not hide each other.
    /// </summary>
    public static Figure ScoreDistribution(ExampleDistribution d, string dataset)
    {
        var lo = Math.Min(Math.Min(d.MeanIn - 4 * d.StdIn, d.MeanOut - 4 * d.StdOut), d.PhiIn.Concat(d.PhiOut).Min());
        var hi = Math.Max(Math.Max(d.MeanIn + 4 * d.StdIn, d.MeanOut + 4 * d.StdOut), d.PhiIn.Concat(d.PhiOut).Max());
        hi += 0.5 * (hi - lo);
        var xs = Enumerable.Range(0, 200).Select(i => lo + (hi - lo) * i / 199).ToArray();
        double Density(double x, double mean, double std) => Math.Exp(-0.5 * Math.Pow((x - mean) / std, 2)) / (std * Math.Sqrt(2 * Math.PI));
        var inCurve = xs.Select(x => Density(x, d.MeanIn, d.StdIn)).ToArray();
        var outCurve = xs.Select(x => Density(x, d.MeanOut, d.StdOut)).ToArray();
        var lift = 0.05 * Math.Max(inCurve.Max(), outCurve.Max());
        return new($"{d.Label}: pool {d.Example} ({dataset} #{d.DatasetIndex}), mean LiRA score {d.MeanMemberScore:F1}",
            "φ = log p_y − log Σ_{j≠y} p_j (plain image)", "density (points: one per model)",
            [
                new($"IN fit N({d.MeanIn:F2}, {d.StdIn:F2}²)", xs, inCurve),
                new($"OUT fit N({d.MeanOut:F2}, {d.StdOut:F2}²)", xs, outCurve),
                new($"IN models ({d.PhiIn.Length}; {d.Detections} detect it at {100 * d.DetectionFpr:G}% FPR)", d.PhiIn, d.PhiIn.Select(_ => lift).ToArray()) { MarkersOnly = true },
                new($"OUT models ({d.PhiOut.Length})", d.PhiOut, new double[d.PhiOut.Length]) { MarkersOnly = true },
            ]);
    }
}
