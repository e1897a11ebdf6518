using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Per-example gradients the way Opacus's GradSampleModule forms them (Goodfellow 2015, "Efficient per-example gradient
/// computations"): a forward hook keeps each layer's input a and output z; one autograd pass gives g = ∂L/∂z for a summed
/// loss L = Σᵢ ℓᵢ, whose row i is ∂ℓᵢ/∂zᵢ; then example i's gradient is gᵢᵀaᵢ for a Linear weight and Σ over positions of
/// gᵢ ⊗ unfold(aᵢ) for a Conv2d kernel, biases the sum of gᵢ. One backward for the whole batch instead of B.
/// Every parameter must belong to a Linear or a Conv2d (groups 1, zero padding): a BatchNorm mixes examples, so a
/// model with one is an error (as in Opacus). Hooks record only between <see cref="Begin"/> and <see cref="Compute"/>.
/// </summary>
public sealed class PerExampleGradients : IDisposable
{
    readonly List<Action> hooks = [];   // each hook's remover
    readonly List<(nn.Module Layer, Tensor Input, Tensor Output)> captured = [];
    DisposeScope? scope;

    /// <summary>The parameters, layer by layer (weight, then bias), in the order of <see cref="Compute"/>'s result.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public PerExampleGradients(nn.Module<Tensor, Tensor> model)
    {
        var parameters = new List<Parameter>();
        foreach (var (name, module) in model.named_modules().Prepend(("(model)", model)))
        {
            if (!module.named_parameters(recurse: false).Any()) continue;
            switch (module)
            {
                case Linear linear:
                    hooks.Add(linear.register_forward_hook(Capture).remove);
                    parameters.AddRange(Own(linear.weight, linear.bias));
                    break;
                case Conv2d conv when conv.groups == 1 && conv.padding_mode == PaddingModes.Zeros && conv.padding_type is null:
                    hooks.Add(conv.register_forward_hook(Capture).remove);
                    parameters.AddRange(Own(conv.weight, conv.bias));
                    break;
                default:
                    throw new ArgumentException($"DP-SGD forms per-example gradients for Linear and Conv2d layers (groups 1, zero padding) only; " +
                        $"'{name}' ({module.GetType().Name}) has parameters of its own. A BatchNorm mixes the examples of a batch and is not DP: use a model without it.");
            }
        }
        if (parameters.Count != model.parameters().Count())
            throw new ArgumentException($"DP-SGD found {parameters.Count} parameters in Linear/Conv2d layers but the model has {model.parameters().Count()}.");
        Parameters = parameters;
    }

    static IEnumerable<Parameter> Own(Parameter weight, Parameter? bias) => bias is null ? [weight] : [weight, bias];

    /// <summary>Starts recording a forward pass; what is captured lives in <paramref name="stepScope"/>.</summary>
    public void Begin(DisposeScope stepScope)
    {
        captured.Clear();
        scope = stepScope;
    }

    Tensor Capture(nn.Module<Tensor, Tensor> layer, Tensor input, Tensor output)
    {
        if (scope is null) return output;
        // The model's own dispose scope would free these when its forward returns; the step's scope keeps them.
        captured.Add((layer, input.detach().MoveToOtherDisposeScope(scope), output.MoveToOtherDisposeScope(scope)));
        return output;
    }

    /// <summary>Each parameter's per-example gradients [B, …parameter shape], from <paramref name="summedLoss"/> = Σᵢ ℓᵢ.</summary>
    public IReadOnlyList<Tensor> Compute(Tensor summedLoss)
    {
        scope = null;
        if (captured.Count != hooks.Count)
            throw new InvalidOperationException($"DP-SGD expects each Linear/Conv2d layer to run once per forward pass; {captured.Count} runs were seen for {hooks.Count} layers.");
        var outputGrads = torch.autograd.grad([summedLoss], captured.Select(c => c.Output).ToList());
        var result = new List<Tensor>();
        for (var k = 0; k < captured.Count; k++)
        {
            var (layer, a, _) = captured[k];
            var g = outputGrads[k];
            var (weight, bias) = layer switch
            {
                Linear linear => LinearGrads(a, g, linear),
                Conv2d conv => ConvGrads(a, g, conv),
                _ => throw new InvalidOperationException(),
            };
            result.Add(weight);
            if (bias is not null) result.Add(bias);
        }
        captured.Clear();
        return result;
    }

    static (Tensor Weight, Tensor? Bias) LinearGrads(Tensor a, Tensor g, Linear linear)
    {
        var b = a.shape[0];
        // Inputs with extra dimensions [B, …, in] sum over them, as the layer's weight is shared across them.
        var a3 = a.reshape(b, -1, a.shape[^1]);
        var g3 = g.reshape(b, -1, g.shape[^1]);
        return (g3.transpose(1, 2).bmm(a3), linear.bias is null ? null : g3.sum(1));
    }

    static (Tensor Weight, Tensor? Bias) ConvGrads(Tensor a, Tensor g, Conv2d conv)
    {
        var b = a.shape[0];
        var k = conv.kernel_size;
        var columns = F.unfold(a, (k[0], k[1]), (conv.dilation[0], conv.dilation[1]),
            (conv.padding![0], conv.padding[1]), (conv.stride[0], conv.stride[1]));   // [B, Cin·kh·kw, L]
        var g3 = g.reshape(b, g.shape[1], -1);                                          // [B, Cout, L]
        var weight = g3.bmm(columns.transpose(1, 2)).view([b, .. conv.weight.shape]);
        return (weight, conv.bias is null ? null : g3.sum(2));
    }

    public void Dispose()
    {
        foreach (var remove in hooks) remove();
        hooks.Clear();
        captured.Clear();
    }
}
