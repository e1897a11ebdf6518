using MiaRepro.Metrics;

namespace MiaRepro.Plots;

/// <summary>
/// A confusion matrix as data: <see cref="Counts"/>[true][predicted], rows labelled by <see cref="TrueLabels"/> (drawn
/// top to bottom) and columns by <see cref="PredictedLabels"/> (left to right). What tests and snapshots check;
/// <see cref="ConfusionMatrixWriter"/> draws it.
/// </summary>
public sealed record ConfusionMatrixFigure
{
    public string Title { get; }
    public IReadOnlyList<string> TrueLabels { get; }
    public IReadOnlyList<string> PredictedLabels { get; }
    public int[][] Counts { get; }

    public ConfusionMatrixFigure(string title, IReadOnlyList<string> trueLabels, IReadOnlyList<string> predictedLabels, int[][] counts)
    {
        if (trueLabels.Count == 0 || predictedLabels.Count == 0)
            throw new ArgumentException("A confusion matrix needs at least one row and one column label.");
        if (counts.Length != trueLabels.Count || counts.Any(r => r.Length != predictedLabels.Count))
            throw new ArgumentException($"Counts must be {trueLabels.Count} rows (true) × {predictedLabels.Count} columns (predicted), one per label.", nameof(counts));
        if (counts.SelectMany(r => r).Any(c => c < 0))
            throw new ArgumentException("Counts are never negative.", nameof(counts));
        (Title, TrueLabels, PredictedLabels, Counts) = (title, trueLabels, predictedLabels, counts);
    }

    public int Total => Counts.Sum(r => r.Sum());

    /// <summary>A membership attack's calls: rows true member / non-member, columns called member / non-member,
    /// i.e. [[TP, FN], [FP, TN]] (members first, unlike sklearn's [[TN, FP], [FN, TP]] for labels [False, True]).</summary>
    public static ConfusionMatrixFigure Membership(string title, ConfusionCounts counts) => new(
        title, ["member", "non-member"], ["member", "non-member"],
        [[counts.TruePositives, counts.FalseNegatives], [counts.FalsePositives, counts.TrueNegatives]]);

    /// <summary>The N×N matrix of class predictions: one row and column per name, indices into <paramref name="classNames"/>.</summary>
    public static ConfusionMatrixFigure OfClasses(string title, IReadOnlyList<string> classNames, IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} true classes but {predicted.Count} predictions: one of each per example.", nameof(predicted));
        var n = classNames.Count;
        var counts = Enumerable.Range(0, n).Select(_ => new int[n]).ToArray();
        for (var i = 0; i < truth.Count; i++)
        {
            if ((uint)truth[i] >= n || (uint)predicted[i] >= n)
                throw new ArgumentException($"Example {i} has true class {truth[i]} and prediction {predicted[i]}: both must be in [0, {n - 1}] ({n} class names).");
            counts[truth[i]][predicted[i]]++;
        }
        return new(title, classNames, classNames, counts);
    }
}
