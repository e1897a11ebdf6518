using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.Ensemble;

/// <summary>
/// Adam (Kingma &amp; Ba; PyTorch's update, L2 weight decay added to the gradient) over parameters stacked over K
/// members: exactly K independent Adams. Each member has its own step count, and a member that is not active in a step
/// (its epochs are done, or its epoch has fewer batches) is left untouched — parameters, moments and count — so no
/// state couples members.
/// </summary>
public sealed class StackedAdam(IReadOnlyList<Tensor> parameters, int members, double learningRate,
    double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
{
    readonly Tensor[] m = parameters.Select(p => zeros_like(p).view(members, -1)).ToArray();
    readonly Tensor[] v = parameters.Select(p => zeros_like(p).view(members, -1)).ToArray();
    readonly double[] steps = new double[members];

    public double LearningRate { get; set; } = learningRate;

    public void ZeroGrad()
    {
        foreach (var p in parameters) p.grad?.zero_();
    }

    /// <param name="active">For each member, whether it takes this step.</param>
    public void Step(bool[] active)
    {
        if (active.Length != members) throw new ArgumentException($"Step needs one flag per member ({members}), got {active.Length}.");
        for (var k = 0; k < members; k++) if (active[k]) steps[k]++;
        using var scope = NewDisposeScope();
        var device = parameters[0].device;
        var dtype = parameters[0].dtype;
        var on = tensor(active.Select(a => a ? 1.0 : 0.0).ToArray(), dtype, device).unsqueeze(1);
        using var zero = 0.ToScalar();
        var taking = on.gt(zero);
        // Bias corrections per member; a member not yet stepped gets 1 (it is masked out anyway).
        var c1 = tensor(steps.Select(t => t > 0 ? 1 - Math.Pow(beta1, t) : 1).ToArray(), dtype, device).unsqueeze(1);
        var c2 = tensor(steps.Select(t => t > 0 ? Math.Sqrt(1 - Math.Pow(beta2, t)) : 1).ToArray(), dtype, device).unsqueeze(1);
        using (no_grad())
            for (var i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i].view(members, -1);
                var g = parameters[i].grad!.view(members, -1);
                if (weightDecay != 0) g = g + p * weightDecay;
                m[i].copy_(where(taking, m[i] * beta1 + g * (1 - beta1), m[i]));
                v[i].copy_(where(taking, v[i] * beta2 + g * g * (1 - beta2), v[i]));
                var update = m[i] / (v[i].sqrt() / c2 + eps) * (LearningRate / c1);
                p.sub_(update * on);
            }
    }
}
