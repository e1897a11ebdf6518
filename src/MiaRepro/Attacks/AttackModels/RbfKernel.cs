using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// K(a, b) = exp(−γ‖a − b‖²) for blocks of rows, in float64 with torch: ‖a‖² + ‖b‖² − 2a·b as one matrix product (the
/// expansion libsvm's own RBF kernel uses), clamped at 0 so rounding never makes a squared distance negative.
/// </summary>
internal static class RbfKernel
{
    /// <summary>A row-major n×d array as an n×d float64 tensor (a copy: the caller's array stays its own).</summary>
    public static Tensor Rows(double[] flat, int rows, int features) =>
        torch.tensor(flat, new long[] { rows, features }, ScalarType.Float64);

    /// <summary>The |a|×|b| kernel block; <paramref name="bSquaredNorms"/> is (b·b).sum(1), computed once per b.</summary>
    public static Tensor Block(Tensor a, Tensor b, Tensor bSquaredNorms, double gamma)
    {
        // One allocation for the block, then in place: blocks are large and the passes over them are the cost.
        // Scalars named and disposed here, not implicit temporaries: TorchSharp hands native code a Scalar's raw handle and
        // frees it in a finalizer, so a temporary can be finalized while the op still reads it (these blocks run on many
        // threads at once, under GC pressure). Suspected cause of one grid-search failure, a garbage Scalar in c10's toDouble,
        // that a stress probe (forced GC on another thread, 30 grid searches) did not reproduce.
        using Scalar zero = 0.0, minusGamma = -gamma;
        using var aNorms = SquaredNorms(a).unsqueeze(1);
        using var norms = aNorms + bSquaredNorms.unsqueeze(0);
        return torch.addmm(norms, a, b.t(), beta: 1, alpha: -2).clamp_min_(zero).mul_(minusGamma).exp_();
    }

    public static Tensor SquaredNorms(Tensor rows) => (rows * rows).sum(1);

    /// <summary>
    /// Copies a float64 CPU tensor's elements into <paramref name="destination"/> as one block: its raw bytes, made
    /// contiguous first. (TensorAccessor's ToArray/CopyTo walk element by element, ~100× slower on kernel blocks.)
    /// </summary>
    public static void CopyTo(Tensor values, Span<double> destination)
    {
        using var contiguous = values.contiguous();
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(contiguous.bytes).CopyTo(destination);
    }
}
