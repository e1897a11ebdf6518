using MiaRepro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Where an audit's m Dirac gradient canaries sit and which are in: on the first Linear layer's weights w[h, d] from
/// inputs d that are 0 in every member, so no member's gradient ever reaches them (∂ℓ/∂w[h, d] = δ_h·x_d = 0) and each
/// canary's coordinate carries only its own gradient and the noise — the auditor's best case, chosen from the data as an
/// auditor may. Canary c takes input D[c mod |D|] and unit ⌊c / |D|⌋. Inclusion: each canary in with probability ½,
/// drawn from the seed's own stream (seed + 7,000,003), apart from training's.
/// </summary>
public sealed class CanaryPlacement
{
    const int InclusionStream = 7_000_003;
    const int FirstLayerWeight = 0;   // Mlp's parameters: layers[0].weight first, as PerExampleGradients orders them

    readonly long[] coordinates;

    CanaryPlacement(long[] coordinates, bool[] included, double normOverC = 1) => (this.coordinates, Included, NormOverC) = (coordinates, included, normOverC);

    /// <summary>The canaries' gradient norm in units of C before clipping (above 1 a correct DP-SGD clips them to C).</summary>
    public double NormOverC { get; }

    /// <summary>These canaries with gradients of norm <paramref name="normOverC"/>·C.</summary>
    public CanaryPlacement WithNorm(double normOverC) => new(coordinates, Included, normOverC);

    public bool[] Included { get; }

    public static CanaryPlacement Create(Func<nn.Module<Tensor, Tensor>> build, Tensor members, int count, int seed)
    {
        using var scope = NewDisposeScope();
        using var net = build();
        var weight = net.parameters().First();
        var flat = members.flatten(1);
        var inputs = flat.shape[1];
        if (weight.dim() != 2 || weight.shape[1] != inputs)
            throw new ArgumentException($"The model's first parameter has shape [{string.Join(", ", weight.shape)}], not [units, {inputs}]: " +
                                        "gradient canaries sit on a first Linear layer over the flattened input (model:type Mlp).");
        using var zero = 0.ToScalar();
        var dead = flat.abs().amax(0).eq(zero).nonzero().flatten().data<long>().ToArray();
        var units = weight.shape[0];
        if (count > units * dead.Length)
            throw new ArgumentException($"audit:canaries is {count}, but the first layer has only {units} units × {dead.Length} inputs that are 0 in every member " +
                                        $"= {units * dead.Length} places no member's gradient reaches: use at most that many canaries, or more model:hidden units in the first layer.");
        var coordinates = Enumerable.Range(0, count).Select(c => c / dead.Length * inputs + dead[c % dead.Length]).ToArray();
        return new(coordinates, Inclusion(count, seed));
    }

    /// <summary>Which of <paramref name="count"/> canaries are in: each with probability ½, from the seed's own stream.</summary>
    public static bool[] Inclusion(int count, int seed)
    {
        using var scope = NewDisposeScope();
        using var half = 0.5.ToScalar();
        return rand(count, generator: new Generator((ulong)(seed + InclusionStream))).lt(half).data<bool>().ToArray();
    }

    /// <summary>One canary at this placement's first coordinate, in or out: a many-run audit's trial.</summary>
    public CanaryPlacement Single(bool included) => new([coordinates[0]], [included], NormOverC);

    /// <summary>The canaries' part of the job's identity.</summary>
    public CanaryJob Job => new("dirac-gradient", coordinates.Length, FirstLayerWeight,
        TrainingJob.Examples("coordinates", coordinates), TrainingJob.Examples("included", Included.Select(i => i ? 1L : 0L).ToArray()),
        NormOverC == 1 ? null : NormOverC);

    public GradientCanaries Canaries() => new(FirstLayerWeight, coordinates, Included, NormOverC);

    /// <summary>The weights at the canaries' coordinates.</summary>
    public double[] Read(nn.Module<Tensor, Tensor> net)
    {
        using var scope = NewDisposeScope();
        var weight = net.parameters().ElementAt(FirstLayerWeight).detach().reshape(-1);
        return weight.index_select(0, tensor(coordinates)).to(float64).cpu().data<double>().ToArray();
    }
}
