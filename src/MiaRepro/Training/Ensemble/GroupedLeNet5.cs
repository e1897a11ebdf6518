using MiaRepro.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MiaRepro.Training.Ensemble;

/// <summary>
/// K LeNet-5s as one module: the convolutions grouped over K (member k owns channel group k), the dense layers as
/// batched matrix products plus bias (TorchSharp's baddbmm scrambles its arguments). Input [K, B, C, H, W], each member
/// its own batch; output [K, B, classes]. Every parameter's first dimension is the member's block, so
/// <c>p.view(K, -1)[k]</c> is member k's share (<see cref="StackedAdam"/>). Built from K initialised LeNet-5s and
/// extracted back into plain ones (<see cref="Extract"/>).
/// </summary>
public sealed class GroupedLeNet5 : nn.Module<Tensor, Tensor>
{
    readonly Parameter c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b;
    readonly nn.Module<Tensor, Tensor> pool1, pool2;
    readonly (int InChannels, int ImageSize, int Classes, Pooling Pooling) shape;   // a tuple: a LeNet5 field would register its parameters
    readonly long padding;

    public int Members { get; }

    public GroupedLeNet5(IReadOnlyList<LeNet5> members) : base(nameof(GroupedLeNet5))
    {
        if (members.Count == 0) throw new ArgumentException("A grouped ensemble needs at least one member (K = 0).");
        shape = (members[0].InChannels, members[0].ImageSize, members[0].Classes, members[0].Pooling);
        if (members.Any(m => (m.InChannels, m.ImageSize, m.Classes, m.Pooling) != shape))
            throw new ArgumentException("The members of a grouped ensemble must have one shape (channels, image size, classes, pooling).");
        Members = members.Count;
        padding = (32 - shape.ImageSize) / 2;
        Tensor Cat(string name) => cat(members.Select(m => Param(m, name)).ToArray(), 0);
        Tensor Stack(string name) => stack(members.Select(m => Param(m, name)).ToArray(), 0);
        using (no_grad())
        {
            c1w = new Parameter(Cat("conv1.weight")); c1b = new Parameter(Cat("conv1.bias"));
            c2w = new Parameter(Cat("conv2.weight")); c2b = new Parameter(Cat("conv2.bias"));
            f1w = new Parameter(Stack("fc1.weight")); f1b = new Parameter(Stack("fc1.bias"));
            f2w = new Parameter(Stack("fc2.weight")); f2b = new Parameter(Stack("fc2.bias"));
            f3w = new Parameter(Stack("fc3.weight")); f3b = new Parameter(Stack("fc3.bias"));
        }
        pool1 = LeNet5.Pool(shape.Pooling);
        pool2 = LeNet5.Pool(shape.Pooling);
        RegisterComponents();
    }

    static Tensor Param(LeNet5 m, string name) =>
        m.named_parameters().Single(p => p.name == name).parameter.detach().clone();

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (k, b) = (x.shape[0], x.shape[1]);
        // [K, B, C, H, W] → [B, K·C, H, W]: member k's images in channel group k.
        var h = x.permute(1, 0, 2, 3, 4).reshape(b, k * x.shape[2], x.shape[3], x.shape[4]);
        h = pool1.call(F.conv2d(h, c1w, c1b, padding: [padding, padding], groups: k).tanh());
        h = pool2.call(F.conv2d(h, c2w, c2b, groups: k).tanh());
        // [B, K·16, 5, 5] → [K, B, 400], each member's features in LeNet-5's flatten order (channel, row, column).
        h = h.reshape(b, k, -1).permute(1, 0, 2);
        h = Dense(h, f1w, f1b).tanh();
        h = Dense(h, f2w, f2b).tanh();
        return Dense(h, f3w, f3b).MoveToOuterDisposeScope();
    }

    static Tensor Dense(Tensor h, Tensor w, Tensor bias) => h.bmm(w.transpose(1, 2)) + bias.unsqueeze(1);

    /// <summary>Member k as a plain LeNet-5 (a copy of its current parameters).</summary>
    public LeNet5 Extract(int k)
    {
        var model = new LeNet5(shape.InChannels, shape.ImageSize, shape.Classes, shape.Pooling);
        model.to(c1w.dtype);
        var stacked = new Dictionary<string, Tensor>
        {
            ["conv1.weight"] = c1w, ["conv1.bias"] = c1b, ["conv2.weight"] = c2w, ["conv2.bias"] = c2b,
            ["fc1.weight"] = f1w, ["fc1.bias"] = f1b, ["fc2.weight"] = f2w, ["fc2.bias"] = f2b, ["fc3.weight"] = f3w, ["fc3.bias"] = f3b,
        };
        using (no_grad())
            foreach (var (name, p) in model.named_parameters())
                p.copy_(stacked[name].view(Members, -1)[k].view(p.shape));
        return model;
    }
}
