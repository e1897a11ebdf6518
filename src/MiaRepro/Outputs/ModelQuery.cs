using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Outputs;

/// <summary>Queries a trained model on every example of a pool under each augmentation: logits laid out [N, A, C].</summary>
public static class ModelQuery
{
    /// <summary>
    /// Logits for <paramref name="inputs"/> [N, ...] (already preprocessed) as float[N·A·C], A = augmentations.Count,
    /// in eval mode without gradients; each batch runs in its own dispose scope so memory stays flat over the pool.
    /// Batches move to <paramref name="device"/> when given (inputs may stay on the CPU while the model sits on a GPU).
    /// </summary>
    public static float[] Logits(nn.Module<Tensor, Tensor> model, Tensor inputs, IReadOnlyList<string> augmentations, int batchSize, Device? device = null)
    {
        var views = QueryAugmentation.ParseList(augmentations);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (inputs.dim() < 2) throw new ArgumentException($"Inputs must be [N, ...]; got shape [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        if (views.Contains(QueryAugmentation.Mirror) && inputs.dim() != 4)
            throw new ArgumentException(
                $"The \"mirror\" augmentation flips image width and needs 4-D input [N, C, H, W]; got shape [{string.Join(", ", inputs.shape)}]. " +
                "Query tabular data with \"plain\" only.", nameof(augmentations));

        var n = inputs.shape[0];
        var a = views.Count;
        float[]? result = null;
        long classes = 0;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(batchSize, n - start);
                var batch = inputs.narrow(0, start, length);
                if (device is not null) batch = batch.to(device);
                for (var v = 0; v < a; v++)
                {
                    var x = views[v] == QueryAugmentation.Mirror ? batch.flip(-1) : batch;
                    var logits = model.call(x);
                    if (logits.dim() != 2 || logits.shape[0] != length)
                        throw new InvalidOperationException($"The model returned shape [{string.Join(", ", logits.shape)}] for a batch of {length}; expected [{length}, C].");
                    if (result is null)
                    {
                        classes = logits.shape[1];
                        result = new float[checked(n * a * classes)];
                    }
                    var values = logits.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
                    for (long i = 0; i < length; i++)
                        Array.Copy(values, i * classes, result, ((start + i) * a + v) * classes, classes);
                }
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        return result ?? [];
    }
}
