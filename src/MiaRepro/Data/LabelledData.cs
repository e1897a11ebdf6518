using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>Examples and labels held as tensors: images as uint8 [N, C, H, W], tabular rows as float32 [N, F];
/// labels int64 [N] in 0..Classes-1.</summary>
public sealed record LabelledData(Tensor Features, Tensor Labels, int Classes)
{
    public long Count => Labels.shape[0];

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public LabelledData Select(long[] indices)
    {
        using var index = tensor(indices, int64);
        return new(Features.index_select(0, index), Labels.index_select(0, index), Classes);
    }

    /// <summary>How many examples each class has.</summary>
    public long[] ClassCounts() => Labels.bincount(null, Classes).data<long>().ToArray();
}
