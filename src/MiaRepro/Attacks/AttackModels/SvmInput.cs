namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// Checks and flattens the rows an SVM is fitted on or asked about: a row-major n×d copy, so the kernel code hands one
/// contiguous array to torch. Every error names what is wrong and what to do about it.
/// </summary>
internal static class SvmInput
{
    public static double[][] Rows(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var rows = new double[x.GetLength(0)][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[x.GetLength(1)];
            for (var j = 0; j < rows[i].Length; j++) rows[i][j] = x[i, j];
        }
        return rows;
    }

    /// <summary>Row-major n×d copy of <paramref name="x"/>; <paramref name="features"/> fixes d (−1: take row 0's).</summary>
    public static (double[] Flat, int Rows, int Features) Flatten(double[][] x, int features = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
            throw new ArgumentException("svm: x has no rows; pass at least one example per class (members = 1, non-members = 0).", nameof(x));
        var d = features >= 0 ? features : x[0]?.Length ?? 0;
        if (d == 0)
            throw new ArgumentException("svm: x's rows have no features; pass one feature vector per example (e.g. its sorted posteriors).", nameof(x));
        var flat = new double[x.Length * d];
        for (var i = 0; i < x.Length; i++)
        {
            var row = x[i] ?? throw new ArgumentException($"svm: row {i} of x is null.", nameof(x));
            if (row.Length != d)
                throw new ArgumentException(features >= 0
                    ? $"svm: row {i} has {row.Length} features, the model was fitted on {d}; pass rows with the training features."
                    : $"svm: row {i} has {row.Length} features, row 0 has {d}; x must be rectangular (every example the same feature count).", nameof(x));
            for (var j = 0; j < d; j++)
            {
                if (!double.IsFinite(row[j]))
                    throw new ArgumentException($"svm: feature {j} of row {i} is {row[j]}; an RBF kernel needs finite features (drop or impute the row, e.g. clip log-losses).", nameof(x));
                flat[i * d + j] = row[j];
            }
        }
        return (flat, x.Length, d);
    }

    /// <summary>Labels must be 0/1, match x's rows and (for fitting) hold both classes.</summary>
    public static void CheckLabels(int[] y, int rows, bool requireBothClasses = true)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != rows)
            throw new ArgumentException($"svm: y has {y.Length} labels for {rows} rows of x; pass one label per row.", nameof(y));
        var members = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] is not (0 or 1))
                throw new ArgumentException($"svm: y[{i}] is {y[i]}; labels must be 0 (non-member) or 1 (member).", nameof(y));
            members += y[i];
        }
        if (requireBothClasses && (members == 0 || members == y.Length))
            throw new ArgumentException($"svm: y holds only class {y[0]} ({y.Length} rows); a binary SVM needs both members (1) and non-members (0).", nameof(y));
    }

    /// <summary>C and γ of one fit: finite and positive.</summary>
    public static void CheckHyperparameters(double c, double gamma)
    {
        if (!(c > 0) || !double.IsFinite(c))
            throw new ArgumentException($"svm grid: C must be > 0 and finite, got {c}; C is the penalty on margin violations (typical 0.1 … 100).", nameof(c));
        if (!(gamma > 0) || !double.IsFinite(gamma))
            throw new ArgumentException($"svm grid: gamma must be > 0 and finite, got {gamma}; gamma is the RBF width 1/(2σ²) (typical 0.001 … 1).", nameof(gamma));
    }
}
