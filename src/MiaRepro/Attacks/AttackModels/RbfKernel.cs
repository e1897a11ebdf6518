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
        // Every Scalar named and disposed here, none an implicit temporary (not even Tensor + Tensor's alpha = 1): TorchSharp
        // passes native code a Scalar's raw handle and frees it in a finalizer, so a temporary can be finalized while the op
        // still reads it. These blocks run on many threads under GC pressure, and that crashed a grid search ("Expected false
        // to be true" from c10's Scalar::toDouble in add); ScalarLifetimeTests reproduces it.
        using Scalar one = 1.0, zero = 0.0, minusGamma = -gamma;
        using var aNorms = SquaredNorms(a).unsqueeze(1);
        using var bNorms = bSquaredNorms.unsqueeze(0);
        using var norms = aNorms.add(bNorms, one);
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
