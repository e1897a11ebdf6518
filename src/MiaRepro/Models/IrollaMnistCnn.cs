using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// Irolla (2019)'s MNIST network, from the authors' code (DisaitekAI/membership_inference_attack @ 3cd7752,
/// src/models/mnist_model.py): conv 5×5×20 ReLU → max-pool 2 → conv 5×5×50 → batch-norm → ReLU → max-pool 2 →
/// dense 500 → batch-norm → tanh → classes. Returns logits (the authors return log-softmax).
/// </summary>
public sealed class IrollaMnistCnn : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly BatchNorm2d conv2Norm;
    readonly Linear dense1, dense2;
    readonly BatchNorm1d dense1Norm;

    public IrollaMnistCnn(int inChannels, int imageSize, int classes) : base(nameof(IrollaMnistCnn))
    {
        var side = ((imageSize - 4) / 2 - 4) / 2;
        if (side < 1) throw new ArgumentException($"IrollaMnistCnn needs images of at least 16×16, not {imageSize}×{imageSize}.", nameof(imageSize));
        conv1 = nn.Conv2d(inChannels, 20, 5);
        conv2 = nn.Conv2d(20, 50, 5);
        conv2Norm = nn.BatchNorm2d(50);
        dense1 = nn.Linear(50 * side * side, 500);
        dense1Norm = nn.BatchNorm1d(500);
        dense2 = nn.Linear(500, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = nn.functional.max_pool2d(nn.functional.relu(conv1.call(x)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv2Norm.call(conv2.call(x))), 2);
        x = dense1Norm.call(dense1.call(x.flatten(1))).tanh();
        return dense2.call(x).MoveToOuterDisposeScope();
    }
}
