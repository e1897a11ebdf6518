using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// Rows of Q computed with torch when first asked for and kept in a least-recently-used cache of fixed size, for
/// problems whose full matrix would not fit (libsvm's Cache, without its partial rows: every row is computed whole).
/// </summary>
internal sealed class CachedQRows : IQRows
{
    readonly Tensor x, norms, y;
    readonly double[] signs;
    readonly double gamma;
    readonly int capacity;
    readonly Dictionary<int, LinkedListNode<(int Row, double[] Values)>> cached = [];
    readonly LinkedList<(int Row, double[] Values)> recency = new();   // most recent first

    public CachedQRows(double[] flat, int rows, int features, double[] signs, double gamma, long bytes)
    {
        this.signs = signs;
        this.gamma = gamma;
        // Two rows at least: the solver holds row i while it asks for row j.
        capacity = (int)Math.Max(2, bytes / (8L * rows));
        x = RbfKernel.Rows(flat, rows, features).DetachFromDisposeScope();
        norms = RbfKernel.SquaredNorms(x).DetachFromDisposeScope();
        y = tensor(signs, ScalarType.Float64).DetachFromDisposeScope();
    }

    public ReadOnlySpan<double> Row(int i)
    {
        if (cached.TryGetValue(i, out var node))
        {
            recency.Remove(node);
            recency.AddFirst(node);
            return node.Value.Values;
        }
        double[] values;
        if (cached.Count < capacity) values = new double[signs.Length];
        else
        {
            var last = recency.Last!;
            recency.RemoveLast();
            cached.Remove(last.Value.Row);
            values = last.Value.Values;   // reused: the evicted row is the least recently used, never i's partner
        }
        using (NewDisposeScope())
        {
            using Scalar sign = signs[i];   // held for the op's duration (see RbfKernel.Block)
            var row = RbfKernel.Block(x.narrow(0, i, 1), x, norms, gamma).squeeze(0).mul_(sign * y);
            RbfKernel.CopyTo(row, values);
        }
        values[i] = 1;
        cached[i] = recency.AddFirst((i, values));
        return values;
    }

    public void Dispose()
    {
        x.Dispose();
        norms.Dispose();
        y.Dispose();
    }
}
