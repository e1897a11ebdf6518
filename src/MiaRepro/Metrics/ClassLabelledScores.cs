namespace MiaRepro.Metrics;

/// <summary>
/// <see cref="MembershipScores"/> with the true class of each example, for per-class views (e.g. one score histogram
/// per class): membership leakage often differs a lot between classes.
/// </summary>
public sealed record ClassLabelledScores
{
    public MembershipScores Scores { get; }
    public int[] Classes { get; }

    public ClassLabelledScores(MembershipScores scores, int[] classes)
    {
        if (classes.Length != scores.Scores.Length)
            throw new ArgumentException($"{scores.Scores.Length} scores but {classes.Length} class labels: one class per evaluation example.", nameof(classes));
        var bad = Array.FindIndex(classes, c => c < 0);
        if (bad >= 0)
            throw new ArgumentException($"Class {bad} is {classes[bad]}: classes are indices ≥ 0.", nameof(classes));
        (Scores, Classes) = (scores, classes);
    }

    /// <summary>The classes present, ascending.</summary>
    public IReadOnlyList<int> DistinctClasses => Classes.Distinct().Order().ToArray();

    /// <summary>The examples of one true class (which must be present).</summary>
    public MembershipScores OfClass(int trueClass)
    {
        var keep = Enumerable.Range(0, Classes.Length).Where(i => Classes[i] == trueClass).ToArray();
        if (keep.Length == 0)
            throw new ArgumentException($"No example has class {trueClass}; present: {string.Join(", ", DistinctClasses)}.", nameof(trueClass));
        return new(keep.Select(i => Scores.Scores[i]).ToArray(), keep.Select(i => Scores.IsMember[i]).ToArray());
    }
}
