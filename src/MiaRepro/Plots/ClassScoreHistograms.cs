using MiaRepro.Metrics;

namespace MiaRepro.Plots;

/// <summary>
/// Members' and non-members' score distributions within each true class: membership leakage often differs between
/// classes (Song &amp; Mittal's reason for per-class thresholds), which a pooled histogram hides.
/// </summary>
public static class ClassScoreHistograms
{
    /// <summary>
    /// One <see cref="MembershipFigures.ScoreHistogram"/> per class present, keyed by class index, ascending. Each
    /// figure's bins span that class's own scores (so x ranges differ between classes). Titles name the class with
    /// <paramref name="classNames"/>[class] when given, else its index.
    /// </summary>
    public static IReadOnlyDictionary<int, Figure> PerClass(string title, ClassLabelledScores scores, int bins = 40, IReadOnlyList<string>? classNames = null)
    {
        var figures = new SortedDictionary<int, Figure>();
        foreach (var c in scores.DistinctClasses)
        {
            var name = classNames is not null && c < classNames.Count ? classNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            figures[c] = MembershipFigures.ScoreHistogram($"{title}: class {name}", scores.OfClass(c), bins);
        }
        return figures;
    }
}
