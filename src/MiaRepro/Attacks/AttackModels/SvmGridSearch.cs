namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// Chooses C and γ of an <see cref="RbfSvm"/> as scikit-learn's
/// <c>GridSearchCV(SVC(kernel="rbf"), {C, gamma}, cv=StratifiedKFold(5))</c> does: accuracy on each held-out fold of
/// <see cref="StratifiedFolds"/> (sklearn's folds, no shuffling), the best mean wins, ties go to the first point in grid
/// order (C-major), and the winner is refitted on all rows.
/// </summary>
/// <remarks>
/// The grid × fold fits run in parallel; each writes only its own cell, and the mean sums the folds in fold order
/// (as numpy does for 5 values), so the result does not depend on scheduling.
/// </remarks>
public static class SvmGridSearch
{
    public const int DefaultFolds = 5;

    /// <param name="x">Attack features, one row per example (e.g. a shadow model's sorted posteriors).</param>
    /// <param name="y">1 = member (in the shadow's training set), 0 = non-member.</param>
    /// <param name="grid">Values to try; <see cref="SvmGrid.Default"/> when null.</param>
    /// <param name="folds">Cross-validation folds (≥ 2); every class needs at least this many rows.</param>
    /// <param name="maxParallelism">Fits at once; −1 (default) lets the thread pool decide.</param>
    public static SvmGridSearchResult Fit(double[][] x, int[] y, SvmGrid? grid = null, int folds = DefaultFolds, int maxParallelism = -1)
    {
        grid ??= SvmGrid.Default;
        if (folds < 2)
            throw new ArgumentException($"svm grid: cross-validation needs at least 2 folds, got {folds}.", nameof(folds));
        SvmInput.Flatten(x);   // the shape and finiteness checks, before any fold is cut
        SvmInput.CheckLabels(y, x.Length);
        foreach (var label in new[] { 0, 1 })
        {
            var count = y.Count(v => v == label);
            if (count < folds)
                throw new ArgumentException(
                    $"svm grid: {folds}-fold stratified cross-validation needs at least {folds} rows of each class; class {label} ({(label == 1 ? "members" : "non-members")}) has {count} of {y.Length}. Pass more attack rows (e.g. more shadow examples for this class).",
                    nameof(y));
        }

        var fold = StratifiedFolds.Assign(y, folds);
        var points = grid.Points;
        var accuracy = new double[points.Count, folds];
        Parallel.For(0, points.Count * folds, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, task =>
        {
            var (p, f) = (task / folds, task % folds);
            var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
            var svm = RbfSvm.Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), points[p].C, points[p].Gamma);
            accuracy[p, f] = svm.Accuracy(test.Select(i => x[i]).ToArray(), test.Select(i => y[i]).ToArray());
        });

        var table = new SvmGridPoint[points.Count];
        for (var p = 0; p < points.Count; p++)
        {
            var scores = Enumerable.Range(0, folds).Select(f => accuracy[p, f]).ToArray();
            var mean = 0.0;
            foreach (var s in scores) mean += s;
            mean /= folds;
            var variance = 0.0;
            foreach (var s in scores) variance += (s - mean) * (s - mean);
            table[p] = new SvmGridPoint(points[p].C, points[p].Gamma, mean, Math.Sqrt(variance / folds), scores);
        }
        var best = table[0];
        foreach (var point in table)
            if (point.MeanAccuracy > best.MeanAccuracy) best = point;   // strictly greater: ties keep the earlier point
        return new SvmGridSearchResult(RbfSvm.Fit(x, y, best.C, best.Gamma), best, table, folds);
    }

    public static SvmGridSearchResult Fit(double[,] x, int[] y, SvmGrid? grid = null, int folds = DefaultFolds, int maxParallelism = -1) =>
        Fit(SvmInput.Rows(x), y, grid, folds, maxParallelism);
}
