using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>Forward passes in eval mode without gradients, in chunks so large parts fit in memory.</summary>
public static class Evaluation
{
    /// <summary>Rows per forward pass. On the CPU 256: libtorch's convolution gets memory-bound at large batches (a
    /// LeNet-5 on 2,000 CIFAR-10 images: 246 ms in chunks of 1,000, 68 ms in chunks of 256, the same bits); this pass
    /// ran after every epoch and was three quarters of a smoke model's training time. On CUDA 1,000, as the stored
    /// GPU outputs were computed.</summary>
    static int Chunk(Device device) => device.type == DeviceType.CPU ? 256 : 1000;

    /// <summary>Logits for every row of <paramref name="features"/> (on the model's device), returned on the CPU.</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor features)
    {
        model.eval();
        using var noGrad = no_grad();
        var device = model.parameters().First().device;   // Parameter wrappers share the module's handles: nothing to dispose
        var parts = new List<Tensor>();
        var chunk = Chunk(device);
        for (long start = 0; start < features.shape[0]; start += chunk)
        {
            using var scope = NewDisposeScope();
            var xb = features.narrow(0, start, Math.Min(chunk, features.shape[0] - start)).to(device);
            parts.Add(Models.TwoClassLogits.Expand(model.call(xb)).cpu().MoveToOuterDisposeScope());
        }
        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>Top-1 accuracy in %.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();   // argmax/eq temporaries too, not just the logits
        var correct = Logits(model, features).argmax(1).eq(labels.cpu()).sum();
        return 100.0 * correct.item<long>() / labels.shape[0];
    }
}
