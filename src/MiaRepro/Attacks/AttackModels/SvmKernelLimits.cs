namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// When Q is held whole and how much memory its row cache gets otherwise. The defaults suit attack models (a few
/// thousand rows per class); tests shrink them to exercise the cache on small data.
/// </summary>
internal sealed record SvmKernelLimits(int FullMatrixMaxRows, long CacheBytes)
{
    /// <summary>Full matrix up to 6000 rows (6000² doubles are 288 MB); else 256 MB of rows (libsvm's cache_size is 200 MB).</summary>
    public static SvmKernelLimits Default { get; } = new(6000, 256L << 20);
}
