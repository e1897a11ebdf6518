namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// Rows of libsvm's Q for C-SVC, Q_ij = y_i·y_j·K(x_i, x_j) with y = ±1, as the SMO solver reads them (two rows per
/// iteration). The diagonal is 1 for an RBF kernel. Either the whole matrix, computed once (small problems), or
/// rows computed on demand behind an LRU cache, as libsvm's Cache does.
/// </summary>
internal interface IQRows : IDisposable
{
    /// <summary>Row i of Q over all n rows. Valid until two further rows are requested.</summary>
    ReadOnlySpan<double> Row(int i);

    static IQRows Create(double[] flat, int rows, int features, double[] signs, double gamma, SvmKernelLimits limits) =>
        rows <= limits.FullMatrixMaxRows
            ? new FullQMatrix(flat, rows, features, signs, gamma)
            : new CachedQRows(flat, rows, features, signs, gamma, limits.CacheBytes);
}
