
namespace MiaRepro.Metrics;

/// <summary>
/// The ROC curve of a membership attack, higher score = member (polarity is fixed: an attack scored the wrong way
/// round gets AUC below 0.5, it is not flipped). One point per distinct score, in decreasing threshold order, after
/// the point (0, 0) at threshold +∞: tied scores form one point, as in sklearn's roc_curve(drop_intermediate=False).
/// AUC is the trapezoid area under these points, which equals sklearn's roc_auc_score with ties (all-equal → 0.5).
/// </summary>
public sealed class RocCurve
{
    public IReadOnlyList<RocPoint> Points { get; }
    public int Members { get; }
    public int NonMembers { get; }
    public double Auc { get; }

    RocCurve(IReadOnlyList<RocPoint> points, int members, int nonMembers, double auc) =>
        (Points, Members, NonMembers, Auc) = (points, members, nonMembers, auc);

    public static RocCurve From(MembershipScores scores)
    {
        EvaluationSet.RequireBothClasses(scores, "A ROC curve");
        var (members, nonMembers) = (scores.Members, scores.NonMembers);
        var sorted = (double[])scores.Scores.Clone();
        var isMember = (bool[])scores.IsMember.Clone();
        Array.Sort(sorted, isMember); // ascending: walked from the top

        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity, 0, 0) };
        long twiceArea = 0; // in units of 1/(members·nonMembers): integer sums keep the trapezoids exact
        int tp = 0, fp = 0;
        for (var i = sorted.Length - 1; i >= 0;)
        {
            var threshold = sorted[i];
            var (tp0, fp0) = (tp, fp);
            for (; i >= 0 && sorted[i] == threshold; i--)
                if (isMember[i]) tp++; else fp++;
            twiceArea += (long)(fp - fp0) * (tp + tp0);
            points.Add(new((double)fp / nonMembers, (double)tp / members, threshold, tp, fp));
        }
        return new(points, members, nonMembers, twiceArea / (2.0 * members * nonMembers));
    }

    /// <summary>
    /// The highest TPR among points with FPR ≤ <paramref name="fpr"/> (this project's convention: the FPR is at most
    /// the target); <paramref name="fpr"/> = 0 gives the TPR at zero false positives. Carlini et al.'s plot.py reads
    /// strictly below (<see cref="TprBelowFpr"/>).
    /// </summary>
    public double TprAtFpr(double fpr) => PointAtFpr(fpr).Tpr;

    /// <summary>The highest TPR among points with FPR &lt; <paramref name="fpr"/>, as plot.py reads it
    /// (tpr[np.where(fpr &lt; .001)[0][-1]]); it differs from <see cref="TprAtFpr"/> only where a point sits exactly at
    /// <paramref name="fpr"/>.</summary>
    public double TprBelowFpr(double fpr)
    {
        if (!(fpr > 0 && fpr <= 1)) throw new ArgumentOutOfRangeException(nameof(fpr), fpr, "A false positive rate bound is in (0, 1].");
        var best = 0.0;
        foreach (var p in Points)
        {
            if (p.Fpr >= fpr) break;
            best = Math.Max(best, p.Tpr);
        }
        return best;
    }

    /// <summary>The point behind <see cref="TprAtFpr"/>: of those with FPR ≤ <paramref name="fpr"/> and the highest TPR, the one with the lowest FPR.</summary>
    public RocPoint PointAtFpr(double fpr)
    {
        if (!(fpr >= 0 && fpr <= 1)) throw new ArgumentOutOfRangeException(nameof(fpr), fpr, "A false positive rate is in [0, 1].");
        var best = Points[0];
        foreach (var p in Points)
        {
            if (p.Fpr > fpr) break; // FPR never decreases along the curve
            if (p.Tpr > best.Tpr) best = p;
        }
        return best;
    }
}
