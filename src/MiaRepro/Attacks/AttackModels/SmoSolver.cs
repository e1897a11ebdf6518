namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// libsvm's SMO solver (Solver::Solve in svm.cpp, 3.x) for C-SVC: minimise ½αᵀQα − eᵀα subject to 0 ≤ α_i ≤ C and
/// yᵀα = 0, with the second-order working-set selection of Fan, Chen &amp; Lin (JMLR 2005, "WSS 2"), libsvm's
/// two-variable update with its clipping order, and ρ as libsvm's calculate_rho (mean of y_i·G_i over free α, else
/// the midpoint of the bounds).
/// </summary>
/// <remarks>
/// Differences from libsvm, and why they do not move the answer beyond the stopping tolerance: no shrinking (a speed
/// heuristic; libsvm, too, un-shrinks and checks the same criterion on all variables before it stops), Q kept in
/// double where libsvm stores float (so the gradient drifts less), and the iteration cap is libsvm's
/// max(10⁷, 100·n) where scikit-learn has none (max_iter = −1); reaching it is reported, as libsvm warns.
/// </remarks>
internal static class SmoSolver
{
    /// <summary>libsvm's TAU: the curvature used where a pair's is not positive.</summary>
    const double Tau = 1e-12;

    /// <param name="q">Q's rows (diagonal 1: RBF).</param>
    /// <param name="y">±1 per row.</param>
    /// <param name="c">Upper bound of every α.</param>
    /// <param name="eps">Stop when max violating pair's gap m(α) − M(α) &lt; eps (libsvm -e, sklearn tol).</param>
    public static SmoSolution Solve(IQRows q, sbyte[] y, double c, double eps)
    {
        var n = y.Length;
        var alpha = new double[n];
        var gradient = new double[n];
        Array.Fill(gradient, -1.0);   // G = Qα − e at α = 0
        var maxIterations = (int)Math.Min(int.MaxValue, Math.Max(10_000_000L, 100L * n));
        var iterations = 0;
        while (iterations < maxIterations)
        {
            if (!SelectWorkingSet(q, y, alpha, gradient, c, eps, out var i, out var j)) break;
            iterations++;
            // Row i was the last one read (by the selection), so fetching row j cannot evict it.
            var qi = q.Row(i);
            var qj = q.Row(j);
            var oldI = alpha[i];
            var oldJ = alpha[j];
            Update(ref alpha[i], ref alpha[j], y[i] != y[j], qi[j], gradient[i], gradient[j], c);
            var deltaI = alpha[i] - oldI;
            var deltaJ = alpha[j] - oldJ;
            for (var k = 0; k < n; k++) gradient[k] += qi[k] * deltaI + qj[k] * deltaJ;
        }
        return new SmoSolution(alpha, Rho(y, alpha, gradient, c), iterations, iterations >= maxIterations);
    }

    /// <summary>
    /// WSS 2: i maximises −y_t·G_t over I_up; j, among t in I_low with −y_t·G_t &lt; that maximum, gives the largest
    /// decrease of the objective along the pair (first-order gap² over the pair's curvature). False when optimal.
    /// Ties keep libsvm's choice (≥ and ≤: the last index wins).
    /// </summary>
    static bool SelectWorkingSet(IQRows q, sbyte[] y, double[] alpha, double[] g, double c, double eps, out int i, out int j)
    {
        var gmax = double.NegativeInfinity;
        var gmax2 = double.NegativeInfinity;
        i = -1;
        j = -1;
        for (var t = 0; t < y.Length; t++)
        {
            if (y[t] == +1)
            {
                if (alpha[t] < c && -g[t] >= gmax) { gmax = -g[t]; i = t; }
            }
            else if (alpha[t] > 0 && g[t] >= gmax) { gmax = g[t]; i = t; }
        }
        if (i == -1) return false;
        var qi = q.Row(i);
        var yi = y[i];
        var objectiveMin = double.PositiveInfinity;
        for (var t = 0; t < y.Length; t++)
        {
            if (y[t] == +1)
            {
                if (alpha[t] <= 0) continue;
                var gap = gmax + g[t];
                if (g[t] >= gmax2) gmax2 = g[t];
                if (gap > 0)
                {
                    var curvature = 2.0 - 2.0 * yi * qi[t];   // QD_i + QD_t − 2·y_i·Q_it, QD = 1 for RBF
                    var objective = -(gap * gap) / (curvature > 0 ? curvature : Tau);
                    if (objective <= objectiveMin) { j = t; objectiveMin = objective; }
                }
            }
            else
            {
                if (alpha[t] >= c) continue;
                var gap = gmax - g[t];
                if (-g[t] >= gmax2) gmax2 = -g[t];
                if (gap > 0)
                {
                    var curvature = 2.0 + 2.0 * yi * qi[t];
                    var objective = -(gap * gap) / (curvature > 0 ? curvature : Tau);
                    if (objective <= objectiveMin) { j = t; objectiveMin = objective; }
                }
            }
        }
        return gmax + gmax2 >= eps && j != -1;
    }

    /// <summary>libsvm's analytic two-variable step with its box clipping, in its order (both α share the bound C).</summary>
    static void Update(ref double ai, ref double aj, bool oppositeLabels, double qij, double gi, double gj, double c)
    {
        if (oppositeLabels)
        {
            var curvature = 2.0 + 2.0 * qij;
            if (curvature <= 0) curvature = Tau;
            var delta = (-gi - gj) / curvature;
            var diff = ai - aj;
            ai += delta;
            aj += delta;
            if (diff > 0) { if (aj < 0) { aj = 0; ai = diff; } }
            else if (ai < 0) { ai = 0; aj = -diff; }
            if (diff > 0) { if (ai > c) { ai = c; aj = c - diff; } }   // libsvm: diff > C_i − C_j = 0
            else if (aj > c) { aj = c; ai = c + diff; }
        }
        else
        {
            var curvature = 2.0 - 2.0 * qij;
            if (curvature <= 0) curvature = Tau;
            var delta = (gi - gj) / curvature;
            var sum = ai + aj;
            ai -= delta;
            aj += delta;
            if (sum > c) { if (ai > c) { ai = c; aj = sum - c; } }
            else if (aj < 0) { aj = 0; ai = sum; }
            if (sum > c) { if (aj > c) { aj = c; ai = sum - c; } }
            else if (ai < 0) { ai = 0; aj = sum; }
        }
    }

    /// <summary>libsvm's calculate_rho: the mean of y_i·G_i over free α, else the midpoint of the bounds from bound α.</summary>
    static double Rho(sbyte[] y, double[] alpha, double[] g, double c)
    {
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        var free = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var yg = y[i] * g[i];
            if (alpha[i] >= c)
            {
                if (y[i] == -1) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else if (alpha[i] <= 0)
            {
                if (y[i] == +1) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else
            {
                free++;
                sumFree += yg;
            }
        }
        return free > 0 ? sumFree / free : (upper + lower) / 2;
    }
}
