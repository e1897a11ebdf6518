using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MiaRepro.Models;

/// <summary>
/// LeNet-5 (LeCun et al. 1998) with tanh, as used by Bîndilă et al.: conv 5×5×6 → pool → conv 5×5×16 → pool →
/// 120 → 84 → classes. 28×28 inputs are zero-padded by 2 in the first conv so both MNIST and CIFAR-10 reach 5×5×16.
/// Returns logits.
/// </summary>
public sealed class LeNet5 : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly Linear fc1, fc2, fc3;
    readonly nn.Module<Tensor, Tensor> pool1, pool2;

    public int InChannels { get; }
    public int ImageSize { get; }
    public int Classes { get; }
    public Pooling Pooling { get; }

    public LeNet5(int inChannels, int imageSize, int classes, Pooling pooling) : base(nameof(LeNet5))
    {
        (InChannels, ImageSize, Classes, Pooling) = (inChannels, imageSize, classes, pooling);
        if (imageSize is not (28 or 32))
            throw new ArgumentException($"LeNet5 takes 28×28 or 32×32 images, not {imageSize}×{imageSize}.", nameof(imageSize));
        conv1 = nn.Conv2d(inChannels, 6, 5, padding: (32 - imageSize) / 2);
        conv2 = nn.Conv2d(6, 16, 5);
        pool1 = Pool(pooling);
        pool2 = Pool(pooling);
        fc1 = nn.Linear(16 * 5 * 5, 120);
        fc2 = nn.Linear(120, 84);
        fc3 = nn.Linear(84, classes);
        RegisterComponents();
    }

    internal static nn.Module<Tensor, Tensor> Pool(Pooling pooling) =>
        pooling == Pooling.Max ? nn.MaxPool2d(2, 2) : nn.AvgPool2d(2, 2);

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = pool1.call(conv1.call(x).tanh());
        x = pool2.call(conv2.call(x).tanh());
        x = fc1.call(x.flatten(1)).tanh();
        x = fc2.call(x).tanh();
        return fc3.call(x).MoveToOuterDisposeScope();
    }
}
