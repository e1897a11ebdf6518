using static TorchSharp.torch;

namespace MiaRepro.Attacks;

/// <summary>The true classes of a labels tensor [N] as ints, for per-class thresholds and figures.</summary>
static class ClassIndices
{
    /// <summary>Call after a signal has checked the labels (integer, in range).</summary>
    public static int[] Of(Tensor labels)
    {
        using var scope = NewDisposeScope();
        return labels.detach().to(int64, CPU).data<long>().Select(l => (int)l).ToArray();
    }
}
