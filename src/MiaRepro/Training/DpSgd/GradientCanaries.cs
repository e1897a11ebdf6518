using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Dirac gradient canaries (Nasr et al. 2021; Steinke, Nasr &amp; Jagielski 2023, §7): canary c is an "example" whose
/// gradient is C·e_j(c), all of its norm on one coordinate j(c) of one parameter — the worst case DP-SGD's analysis
/// allows. Each canary marked <see cref="Included"/> joins each Poisson step with the sampler's probability q, as a
/// member would; its clipped gradient is added to the clipped sum before the noise. After the noise, the auditor's view
/// of every step — the noisy sum at each canary's coordinate, in units of the gradient — is recorded
/// (<see cref="Observed"/>, one row per step). Draws come from the job's generator, after the batch's and before the noise's.
/// </summary>
public sealed class GradientCanaries
{
    readonly long[] coordinates;
    readonly List<double[]> observed = [];

    /// <param name="parameter">Which parameter (in <see cref="PerExampleGradients.Parameters"/>' order) holds the coordinates.</param>
    /// <param name="coordinates">j(c), a flat index into that parameter, one per canary, all distinct.</param>
    /// <param name="included">Whether canary c is in the training set.</param>
    /// <param name="normOverC">Each canary's gradient norm in units of C before clipping (1: exactly C).</param>
    public GradientCanaries(int parameter, long[] coordinates, bool[] included, double normOverC = 1)
    {
        if (!(normOverC > 0) || double.IsInfinity(normOverC)) throw new ArgumentOutOfRangeException(nameof(normOverC), normOverC, "A canary's norm must be finite and > 0.");
        NormOverC = normOverC;
        if (coordinates.Length == 0) throw new ArgumentException("Gradient canaries need at least one canary.", nameof(coordinates));
        if (included.Length != coordinates.Length)
            throw new ArgumentException($"included has {included.Length} entries for {coordinates.Length} canaries: one each.", nameof(included));
        if (coordinates.Distinct().Count() != coordinates.Length)
            throw new ArgumentException("Two gradient canaries share a coordinate: each needs its own, or their signals add up.", nameof(coordinates));
        (Parameter, this.coordinates, Included) = (parameter, coordinates, included);
    }

    public int Parameter { get; }
    public double NormOverC { get; }
    public IReadOnlyList<long> Coordinates => coordinates;
    public IReadOnlyList<bool> Included { get; }
    public int Count => coordinates.Length;

    /// <summary>Per step, the noisy sum Σᵢ clip(gᵢ) + canaries + noise at each canary's coordinate (before ÷ L).</summary>
    public IReadOnlyList<double[]> Observed => observed;

    /// <summary>A canary's gradient after DP-SGD's clipping, for a canary of norm <paramref name="normOverC"/>·C: g·min(1, C/(g + 1e-6)),
    /// as a member of that norm gets it; unclipped under the fault "no-clipping" (so a canary of norm above C shows it).</summary>
    public static double ClippedNorm(DpSgdSpec dp, double normOverC = 1)
    {
        var raw = normOverC * dp.ClipNorm;
        return dp.Fault == "no-clipping" || double.IsPositiveInfinity(dp.ClipNorm) ? raw : raw * Math.Min(1, dp.ClipNorm / (raw + 1e-6));
    }

    /// <summary>Adds this step's participating included canaries to <paramref name="sums"/>[<see cref="Parameter"/>]
    /// (flat). Every canary's participation is drawn, included or not, so the stream does not depend on the mask.</summary>
    public void Insert(IList<Tensor> sums, double rate, double clippedNorm, Generator generator)
    {
        var sum = sums[Parameter];
        using var q = rate.ToScalar();
        var joins = rand(Count, generator: generator).lt(q).to(sum.device);
        var mask = tensor(Included.ToArray(), device: sum.device);
        var added = (joins & mask).to(sum.dtype) * clippedNorm;
        sums[Parameter] = sum.reshape(-1).index_add(0, tensor(coordinates, device: sum.device), added, 1.0).view(sum.shape);
    }

    /// <summary>Records the noisy sums at the canaries' coordinates.</summary>
    public void Observe(IReadOnlyList<Tensor> noisySums)
    {
        using var picked = noisySums[Parameter].reshape(-1).index_select(0, tensor(coordinates, device: noisySums[Parameter].device)).to(float64).cpu();
        observed.Add(picked.data<double>().ToArray());
    }
}
