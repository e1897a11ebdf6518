using MiaRepro.Metrics;

namespace MiaRepro.Plots;

/// <summary>Figures for membership attacks: the ROC on log-log axes, and the score distributions of members and non-members.</summary>
public static class MembershipFigures
{
    /// <summary>Where 0 lands on the ROC's log axes: below any rate measurable on fewer than 100,000 examples.</summary>
    public const double LogFloor = 1e-5;

    /// <summary>
    /// ROC curves on log-log axes (Carlini et al.: low FPR is where attacks differ), with the chance line TPR = FPR.
    /// A rate of 0 (and any rate below <paramref name="floor"/>) is drawn at <paramref name="floor"/>, which the axis labels say.
    /// </summary>
    public static Figure Roc(string title, IEnumerable<(string Label, RocCurve Curve)> curves, double floor = LogFloor)
    {
        if (!(floor > 0 && floor < 1)) throw new ArgumentOutOfRangeException(nameof(floor), floor, "The log-axis floor must be in (0, 1).");
        double Clip(double rate) => Math.Max(rate, floor);
        var series = curves.Select(c => new Series(
            $"{c.Label} (AUC {c.Curve.Auc:F3})",
            c.Curve.Points.Select(p => Clip(p.Fpr)).ToArray(),
            c.Curve.Points.Select(p => Clip(p.Tpr)).ToArray())).ToList();
        series.Add(new("chance", [floor, 1], [floor, 1]));
        return new(title, $"false positive rate (0 drawn at {floor:G})", $"true positive rate (0 drawn at {floor:G})", series, LogX: true, LogY: true);
    }

    public static Figure Roc(string title, RocCurve curve, double floor = LogFloor) => Roc(title, [("attack", curve)], floor);

    /// <summary>
    /// <see cref="Roc"/> with each curve thinned to its points at 200 log-spaced FPRs from 10⁻⁵ to 1: a many-model curve
    /// has M·N points, and plot-data.json would carry them all; on log axes the thinned curve draws the same.
    /// </summary>
    public static Figure ThinnedRoc(string title, IEnumerable<(string Label, RocCurve Curve)> curves)
    {
        var grid = Enumerable.Range(0, 200).Select(i => Math.Pow(10, -5 + 5.0 * i / 199)).ToArray();
        double Clip(double rate) => Math.Max(rate, LogFloor);
        var series = curves.Select(c =>
        {
            var points = grid.Select(c.Curve.PointAtFpr).DistinctBy(p => (p.Fpr, p.Tpr)).ToList();
            return new Series($"{c.Label} (AUC {c.Curve.Auc:F3})", points.Select(p => Clip(p.Fpr)).ToArray(), points.Select(p => Clip(p.Tpr)).ToArray());
        }).ToList();
        series.Add(new("chance", [LogFloor, 1], [LogFloor, 1]));
        return new(title, $"false positive rate (0 drawn at {LogFloor:G})", $"true positive rate (0 drawn at {LogFloor:G})", series, LogX: true, LogY: true);
    }

    /// <summary>
    /// Members' and non-members' score distributions over <paramref name="bins"/> equal-width bins spanning all scores:
    /// X is each bin's centre, Y the fraction of that class in the bin (so unequal class sizes compare). The last bin
    /// includes the maximum score.
    /// </summary>
    public static Figure ScoreHistogram(string title, MembershipScores scores, int bins = 40)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A histogram needs at least one bin.");
        var (min, max) = (scores.Scores.Min(), scores.Scores.Max());
        var width = max > min ? (max - min) / bins : 1; // all-equal scores: one populated bin starting at the score
        var centres = Enumerable.Range(0, bins).Select(b => min + (b + 0.5) * width).ToArray();

        Series Of(bool member, string label)
        {
            var counts = new double[bins];
            var total = 0;
            for (var i = 0; i < scores.Scores.Length; i++)
            {
                if (scores.IsMember[i] != member) continue;
                counts[Math.Min((int)((scores.Scores[i] - min) / width), bins - 1)]++;
                total++;
            }
            return new($"{label} (n={total})", centres, counts.Select(c => total > 0 ? c / total : 0).ToArray());
        }

        return new(title, "membership score (higher = member)", "fraction of class", [Of(true, "members"), Of(false, "non-members")]);
    }
}
