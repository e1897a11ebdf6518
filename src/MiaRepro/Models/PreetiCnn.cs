using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// The CNN of Preeti &amp; Khan (2022): conv 5×5×32 tanh → max-pool 2 → conv 3×3×32 tanh → max-pool 2 →
/// dense 128 tanh → classes (softmax folded into the loss). Returns logits.
/// </summary>
public sealed class PreetiCnn : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly Linear fc1, fc2;

    public PreetiCnn(int inChannels, int imageSize, int classes) : base(nameof(PreetiCnn))
    {
        conv1 = nn.Conv2d(inChannels, 32, 5);
        conv2 = nn.Conv2d(32, 32, 3);
        var side = ((imageSize - 4) / 2 - 2) / 2;
        if (side < 1) throw new ArgumentException($"PreetiCnn needs images of at least 10×10, not {imageSize}×{imageSize}.", nameof(imageSize));
        fc1 = nn.Linear(32 * side * side, 128);
        fc2 = nn.Linear(128, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = nn.functional.max_pool2d(conv1.call(x).tanh(), 2);
        x = nn.functional.max_pool2d(conv2.call(x).tanh(), 2);
        x = fc1.call(x.flatten(1)).tanh();
        return fc2.call(x).MoveToOuterDisposeScope();
    }
}
