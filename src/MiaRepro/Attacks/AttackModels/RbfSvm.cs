using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// A binary C-SVC with the RBF kernel K(x, z) = exp(−γ‖x − z‖²), trained as scikit-learn's
/// <c>SVC(kernel="rbf", C, gamma)</c> (libsvm) trains it, for membership attack models: label 1 = member,
/// 0 = non-member. <see cref="DecisionFunction"/> has sklearn's sign for classes [0, 1]: positive means member.
/// </summary>
/// <remarks>
/// libsvm (as sklearn builds it) sorts the labels, so class 0 is its +1 and class 1 its −1, and it solves with the
/// rows grouped by class (class 0's first, each in input order); sklearn then flips the sign of the binary decision.
/// Fit does the same, so that the solver visits the rows in libsvm's order and ties in the working-set selection fall
/// the same way. Kernel values come from torch in float64; the SMO loop is <see cref="SmoSolver"/>.
/// </remarks>
public sealed class RbfSvm
{
    /// <summary>sklearn's default tol, libsvm's eps: the stopping tolerance on the dual's maximal violating pair.</summary>
    public const double Tolerance = 1e-3;

    const int PredictBlockRows = 2048;

    readonly double[] supportVectors;   // row-major SupportVectorCount × Features
    readonly double[] coefficients;     // α_i for members, −α_i for non-members: sklearn's sign

    RbfSvm(double c, double gamma, int features, double[] supportVectors, double[] coefficients, double intercept, int[] supportPerClass, int iterations, bool converged)
    {
        C = c;
        Gamma = gamma;
        Features = features;
        this.supportVectors = supportVectors;
        this.coefficients = coefficients;
        Intercept = intercept;
        SupportVectorsPerClass = supportPerClass;
        Iterations = iterations;
        Converged = converged;
    }

    public double C { get; }
    public double Gamma { get; }
    public int Features { get; }
    /// <summary>Rows with α &gt; 0 (sklearn's n_support_.sum()).</summary>
    public int SupportVectorCount => coefficients.Length;
    /// <summary>Support vectors of class 0 and of class 1 (sklearn's n_support_).</summary>
    public IReadOnlyList<int> SupportVectorsPerClass { get; }
    /// <summary>The decision function's constant, libsvm's ρ (sklearn's intercept_ for classes [0, 1]).</summary>
    public double Intercept { get; }
    public int Iterations { get; }
    /// <summary>False when SMO stopped at libsvm's iteration cap (max(10⁷, 100·n)) before the tolerance was met.</summary>
    public bool Converged { get; }

    public static RbfSvm Fit(double[,] x, int[] y, double c, double gamma) => Fit(SvmInput.Rows(x), y, c, gamma);

    /// <param name="x">One feature row per example; rectangular, finite.</param>
    /// <param name="y">0 (non-member) or 1 (member) per row; both must occur.</param>
    /// <param name="c">Penalty C &gt; 0.</param>
    /// <param name="gamma">RBF γ &gt; 0 (sklearn's gamma as a number: "scale"/"auto" are not computed here).</param>
    public static RbfSvm Fit(double[][] x, int[] y, double c, double gamma) => Fit(x, y, c, gamma, SvmKernelLimits.Default);

    internal static RbfSvm Fit(double[][] x, int[] y, double c, double gamma, SvmKernelLimits limits)
    {
        SvmInput.CheckHyperparameters(c, gamma);
        var (flat, n, d) = SvmInput.Flatten(x);
        SvmInput.CheckLabels(y, n);

        // libsvm's order: class 0 (its +1) first, then class 1 (its −1), each in input order.
        var order = Enumerable.Range(0, n).Where(i => y[i] == 0).Concat(Enumerable.Range(0, n).Where(i => y[i] == 1)).ToArray();
        var ordered = new double[flat.Length];
        var signs = new double[n];
        var labels = new sbyte[n];
        for (var k = 0; k < n; k++)
        {
            Array.Copy(flat, order[k] * d, ordered, k * d, d);
            labels[k] = y[order[k]] == 0 ? (sbyte)1 : (sbyte)-1;
            signs[k] = labels[k];
        }

        SmoSolution solution;
        using (var q = IQRows.Create(ordered, n, d, signs, gamma, limits))
            solution = SmoSolver.Solve(q, labels, c, Tolerance);

        var support = Enumerable.Range(0, n).Where(k => solution.Alpha[k] > 0).ToArray();
        var vectors = new double[support.Length * d];
        var coefficients = new double[support.Length];
        for (var s = 0; s < support.Length; s++)
        {
            Array.Copy(ordered, support[s] * d, vectors, s * d, d);
            coefficients[s] = -labels[support[s]] * solution.Alpha[support[s]];
        }
        var perClass = new[] { support.Count(k => labels[k] == 1), support.Count(k => labels[k] == -1) };
        return new RbfSvm(c, gamma, d, vectors, coefficients, solution.Rho, perClass, solution.Iterations, !solution.ReachedIterationLimit);
    }

    /// <summary>Σ_s coef_s·K(sv_s, x) + ρ per row: sklearn's decision_function, positive = member (class 1).</summary>
    public double[] DecisionFunction(double[][] x)
    {
        var (flat, n, _) = SvmInput.Flatten(x, Features);
        var result = new double[n];
        using var scope = NewDisposeScope();
        var sv = RbfKernel.Rows(supportVectors, SupportVectorCount, Features);
        var svNorms = RbfKernel.SquaredNorms(sv);
        var coef = tensor(coefficients, ScalarType.Float64).unsqueeze(1);
        var rows = RbfKernel.Rows(flat, n, Features);
        for (var start = 0; start < n; start += PredictBlockRows)
        {
            using var blockScope = NewDisposeScope();
            var count = Math.Min(PredictBlockRows, n - start);
            var values = RbfKernel.Block(rows.narrow(0, start, count), sv, svNorms, Gamma).mm(coef).squeeze(1);
            RbfKernel.CopyTo(values, result.AsSpan(start, count));
            // + ρ here, not in torch: Tensor + Scalar passes an implicit alpha Scalar (see RbfKernel.Block).
            foreach (ref var v in result.AsSpan(start, count)) v += Intercept;
        }
        return result;
    }

    public double[] DecisionFunction(double[,] x) => DecisionFunction(SvmInput.Rows(x));

    /// <summary>
    /// 1 (member) where the decision value is ≥ 0, else 0: sklearn's predict for classes [0, 1] (libsvm votes for its
    /// first class, 0, only when its own decision value, the negated one, is &gt; 0).
    /// </summary>
    public int[] Predict(double[][] x) => DecisionFunction(x).Select(v => v >= 0 ? 1 : 0).ToArray();

    public int[] Predict(double[,] x) => Predict(SvmInput.Rows(x));

    /// <summary>The fraction of rows whose prediction equals <paramref name="y"/> (sklearn's score).</summary>
    public double Accuracy(double[][] x, int[] y)
    {
        var predicted = Predict(x);
        SvmInput.CheckLabels(y, predicted.Length, requireBothClasses: false);
        return predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
    }
}
