using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>Bit-level views of a model's state, and a heap left as a NaN run leaves it, for determinism checks.</summary>
static class Determinism
{
    /// <summary>Every parameter and buffer (running statistics included) as raw bytes, in registration order.</summary>
    public static byte[] WeightBytes(nn.Module model) =>
        model.state_dict().Values.SelectMany(t => t.contiguous().cpu().bytes.ToArray()).ToArray();

    public static bool AllFinite(nn.Module model) =>
        model.state_dict().Values.Where(t => t.is_floating_point()).All(t => t.isfinite().all().item<bool>());

    /// <summary>Allocates and frees NaN-filled tensors of many sizes (a few bytes to 13 MB), so the allocator's next
    /// blocks hold NaN bit patterns. A kernel that reads memory it never wrote then computes NaN on every run instead
    /// of now and then: the fault behind the random NaNs on AVX-512 CPUs, made deterministic.</summary>
    public static void PoisonHeap()
    {
        using var scope = NewDisposeScope();
        for (var n = 1.0; n < 4e6; n *= 1.5)
            for (var copy = 0; copy < 3; copy++) full((long)n, float.NaN);
    }
}
