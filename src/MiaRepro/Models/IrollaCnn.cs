using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// Irolla (2019)'s CIFAR-10 network. The blog post does not describe it; this is the authors' public code
/// (DisaitekAI/membership_inference_attack, src/models/cifar10_model.py): conv 3×3×32 ReLU → max-pool 2 → dropout .25 →
/// conv 3×3×64 ReLU → max-pool 2 → dropout .25 → dense 512 ReLU → dropout .5 → classes. Returns logits (the authors
/// return log-softmax; the attack features take log-softmax of these). Without <c>dropout</c> it is the network their
/// experiment script actually trains (src/models/do_experiments.py, custom_target_model: the same layers, no dropout).
/// </summary>
public sealed class IrollaCnn : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly Linear dense1, dense2;
    readonly Dropout dropConv1, dropConv2, dropDense;

    public IrollaCnn(int inChannels, int imageSize, int classes, bool dropout = true) : base(nameof(IrollaCnn))
    {
        var side = ((imageSize - 2) / 2 - 2) / 2;
        if (side < 1) throw new ArgumentException($"IrollaCnn needs images of at least 10×10, not {imageSize}×{imageSize}.", nameof(imageSize));
        conv1 = nn.Conv2d(inChannels, 32, 3);
        conv2 = nn.Conv2d(32, 64, 3);
        dense1 = nn.Linear(64 * side * side, 512);
        dense2 = nn.Linear(512, classes);
        dropConv1 = nn.Dropout(dropout ? 0.25 : 0);
        dropConv2 = nn.Dropout(dropout ? 0.25 : 0);
        dropDense = nn.Dropout(dropout ? 0.5 : 0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = dropConv1.call(nn.functional.max_pool2d(nn.functional.relu(conv1.call(x)), 2));
        x = dropConv2.call(nn.functional.max_pool2d(nn.functional.relu(conv2.call(x)), 2));
        x = dropDense.call(nn.functional.relu(dense1.call(x.flatten(1))));
        return dense2.call(x).MoveToOuterDisposeScope();
    }
}
