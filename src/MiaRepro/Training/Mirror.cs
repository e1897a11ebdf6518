using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>Training-time mirroring: each image of a batch flipped left-right with probability ½. The coin flips come
/// from the model's own generator after its shuffle, so a member trained alone or in an ensemble sees the same images.</summary>
public static class Mirror
{
    public static Tensor Randomly(Tensor images, Generator generator)
    {
        if (images.dim() != 4) throw new ArgumentException($"training:augment \"mirror\" needs images [N, C, H, W], not a tensor of {images.dim()} dimensions.");
        using var half = 0.5.ToScalar();   // held for the call: an implicit Scalar can be finalized while libtorch reads it
        using var flip = rand(images.shape[0], generator: generator).lt(half).to(images.device).view(-1, 1, 1, 1);
        return where(flip, images.flip(3), images);
    }
}
