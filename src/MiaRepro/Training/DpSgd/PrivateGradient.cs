using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// One DP-SGD step's gradient (Abadi et al. 2016, Algorithm 1): each example's whole gradient (all parameters
/// concatenated) scaled to norm ≤ C by min(1, C / (‖gᵢ‖ + 1e-6)) as Opacus does, summed, N(0, σ²C²) added per
/// coordinate, divided by the expected batch size L (q·N for Poisson sampling, Opacus's expected_batch_size; the batch
/// size for shuffling): a fixed L, as the actual size of a Poisson batch would itself depend on who is in it.
/// The planted faults change only what they name.
/// </summary>
public static class PrivateGradient
{
    /// <summary>The standard deviation of the noise added to the clipped sum: σC, or what a fault makes of it.</summary>
    public static double NoiseStd(DpSgdSpec dp, double expectedBatchSize) => dp.Fault switch
    {
        "no-noise" => 0,
        "noise-divided-by-batch" => dp.NoiseMultiplier * dp.ClipNorm / expectedBatchSize,   // the lecture's bug
        _ => dp.NoiseMultiplier * dp.ClipNorm,
    };

    /// <summary>Per parameter, (Σᵢ clip(gᵢ) + noise) / L. <paramref name="perExample"/>: [B, …shape] per parameter in
    /// <paramref name="parameters"/>' order, or null for an empty (Poisson) batch, which still gets its noise.
    /// <paramref name="canaries"/>: gradient canaries joining the sum at rate <paramref name="rate"/>, and observing it.</summary>
    public static IReadOnlyList<Tensor> Of(IReadOnlyList<Tensor>? perExample, IReadOnlyList<Tensor> parameters, DpSgdSpec dp,
        double expectedBatchSize, Generator generator, GradientCanaries? canaries = null, double rate = 0)
    {
        var sums = perExample is null ? parameters.Select(p => zeros_like(p)).ToList() : ClippedSums(perExample, dp);
        canaries?.Insert(sums, rate, GradientCanaries.ClippedNorm(dp, canaries.NormOverC), generator);
        var std = NoiseStd(dp, expectedBatchSize);
        var result = new List<Tensor>(sums.Count);
        for (var k = 0; k < sums.Count; k++)
        {
            var sum = sums[k].view(parameters[k].shape);
            if (std > 0)   // drawn on the CPU generator (seeded from the job) and moved: the same job gives the same noise
                sum = sum + randn(parameters[k].shape, dtype: sum.dtype, generator: generator).to(sum.device) * std;
            result.Add(sum);
        }
        canaries?.Observe(result);
        return result.Select(sum => sum / expectedBatchSize).ToList();
    }

    /// <summary>Σᵢ min(1, C/(‖gᵢ‖ + 1e-6))·gᵢ per parameter, ‖gᵢ‖ over all parameters; unscaled with "no-clipping" or C = ∞.</summary>
    public static List<Tensor> ClippedSums(IReadOnlyList<Tensor> perExample, DpSgdSpec dp)
    {
        var b = perExample[0].shape[0];
        var flat = perExample.Select(g => g.reshape(b, -1)).ToList();
        var factor = dp.Fault == "no-clipping" || double.IsPositiveInfinity(dp.ClipNorm)
            ? ones(1, b, dtype: flat[0].dtype, device: flat[0].device)
            : Factors(Norms(flat), dp.ClipNorm);
        return flat.Select(g => factor.matmul(g).squeeze(0)).ToList();   // [1, B]·[B, n]: the weighted sum in one product
    }

    /// <summary>Each example's gradient norm over all parameters, [B].</summary>
    public static Tensor Norms(IReadOnlyList<Tensor> flat) => flat.Select(g => (g * g).sum(1)).Aggregate((a, c) => a + c).sqrt();

    /// <summary>min(1, C/(‖gᵢ‖ + 1e-6)) as [1, B]. Its Scalars are held for the calls: TorchSharp's implicit ones (as in
    /// pow(2), which square() is) can be finalized while libtorch still reads them — the "INTERNAL ASSERT FAILED at
    /// c10/core/Scalar.h" crash seen once in a long audit run.</summary>
    static Tensor Factors(Tensor norms, double clipNorm)
    {
        using var epsilon = 1e-6.ToScalar();
        using var one = 1.0.ToScalar();
        return (clipNorm / norms.add(epsilon)).clamp_max(one).unsqueeze(0);
    }
}
