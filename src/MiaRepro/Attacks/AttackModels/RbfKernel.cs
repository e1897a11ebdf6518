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
        using var scope = NewDisposeScope();
        var distances = (a * a).sum(1, keepdim: true) + bSquaredNorms.unsqueeze(0) - 2 * a.mm(b.t());
        return distances.clamp_min(0).mul_(-gamma).exp_().MoveToOuterDisposeScope();
    }

    public static Tensor SquaredNorms(Tensor rows) => (rows * rows).sum(1);
}
