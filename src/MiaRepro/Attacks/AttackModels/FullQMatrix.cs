using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>All of Q, computed with torch in blocks of rows (bounding torch's temporaries) into one n×n array.</summary>
internal sealed class FullQMatrix : IQRows
{
    const int BlockRows = 1024;

    readonly double[] q;
    readonly int n;

    public FullQMatrix(double[] flat, int rows, int features, double[] signs, double gamma)
    {
        n = rows;
        q = new double[n * n];
        using var scope = NewDisposeScope();
        var x = RbfKernel.Rows(flat, rows, features);
        var norms = RbfKernel.SquaredNorms(x);
        var y = tensor(signs, ScalarType.Float64);
        for (var start = 0; start < n; start += BlockRows)
        {
            using var blockScope = NewDisposeScope();
            var count = Math.Min(BlockRows, n - start);
            var block = RbfKernel.Block(x.narrow(0, start, count), x, norms, gamma).mul_(y.narrow(0, start, count).unsqueeze(1) * y.unsqueeze(0));
            RbfKernel.CopyTo(block, q.AsSpan(start * n, count * n));
        }
        // Exactly 1 on the diagonal, as K(x, x) is: the expansion leaves ~1e-16 there.
        for (var i = 0; i < n; i++) q[i * n + i] = 1;
    }

    public ReadOnlySpan<double> Row(int i) => q.AsSpan(i * n, n);

    public void Dispose() { }
}
