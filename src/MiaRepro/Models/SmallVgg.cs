using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// A small VGG-style CNN (Li et al.'s Table 4 names a "VGG" shadow without its layers; this is the family, kept small for
/// CPUs): two blocks of two 3×3 convolutions (padding 1, ReLU) and a 2×2 max-pool, 16 then 32 channels, then dense 128
/// ReLU → classes. Returns logits.
/// </summary>
public sealed class SmallVgg : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2, conv3, conv4;
    readonly Linear fc1, fc2;

    public SmallVgg(int inChannels, int imageSize, int classes) : base(nameof(SmallVgg))
    {
        var side = imageSize / 2 / 2;
        if (side < 1) throw new ArgumentException($"SmallVgg needs images of at least 4×4, not {imageSize}×{imageSize}.", nameof(imageSize));
        conv1 = nn.Conv2d(inChannels, 16, 3, padding: 1);
        conv2 = nn.Conv2d(16, 16, 3, padding: 1);
        conv3 = nn.Conv2d(16, 32, 3, padding: 1);
        conv4 = nn.Conv2d(32, 32, 3, padding: 1);
        fc1 = nn.Linear(32 * side * side, 128);
        fc2 = nn.Linear(128, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.call(nn.functional.relu(conv1.call(x)))), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv4.call(nn.functional.relu(conv3.call(x)))), 2);
        x = nn.functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(x).MoveToOuterDisposeScope();
    }
}
