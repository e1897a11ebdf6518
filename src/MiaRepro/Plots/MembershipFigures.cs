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
