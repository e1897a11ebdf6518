namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// LiRA's fitted distributions for one target: per example and query, the mean and standard deviation of φ over the
/// reference models that trained on the example (IN) and over those that did not (OUT), each [N·A].
/// </summary>
/// <remarks>
/// Definitions (the paper's Algorithm 1), which differ from Carlini et al.'s plot.py in three places, each said here:
/// <list type="bullet">
/// <item>Location is the mean of the values; plot.py uses their median.</item>
/// <item>Spread is the population standard deviation (ddof 0), as plot.py's np.std; per example it is computed from
/// all of the example's IN (OUT) references, where plot.py first cuts every example to the smallest count.</item>
/// <item>Global variance: one σ_in pooled over every example's and query's IN values around their own example's mean,
/// and one σ_out likewise over OUT values (the paper: the same variance for all examples, per-example means). plot.py's
/// fixed-variance path takes np.std of all IN values around their global mean, and uses that IN std for OUT as well
/// (std_out = np.std(dat_in)); here OUT has its own, as the paper says.</item>
/// </list>
/// A σ of 0 (a single reference, or identical values) gets 1e-30 added, as plot.py does, so every log-density is finite.
/// </remarks>
public sealed class ReferenceGaussians
{
    /// <summary>plot.py's std + 1e-30: keeps a zero σ from dividing by zero.</summary>
    public const double StdEpsilon = 1e-30;

    public int Examples { get; }
    public int Augmentations { get; }
    public double[] MeanIn { get; }
    public double[] StdIn { get; }
    public double[] MeanOut { get; }
    public double[] StdOut { get; }

    ReferenceGaussians(int examples, int augmentations, double[] meanIn, double[] stdIn, double[] meanOut, double[] stdOut) =>
        (Examples, Augmentations, MeanIn, StdIn, MeanOut, StdOut) = (examples, augmentations, meanIn, stdIn, meanOut, stdOut);

    /// <summary>
    /// Fits IN and OUT per example and query from <paramref name="references"/>; with <paramref name="needIn"/> false
    /// (offline) IN is left empty. Every example needs at least one OUT reference, and one IN reference when
    /// <paramref name="needIn"/>: otherwise an error names the example and the target.
    /// </summary>
    /// <param name="count">k reference models per example, as the paper counts shadow models: online the first ⌈k/2⌉ IN
    /// and first ⌊k/2⌋ OUT of <paramref name="references"/>, offline the first k OUT; null: all of them.</param>
    public static ReferenceGaussians Fit(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraVariance variance, bool needIn,
        int? count = null)
    {
        if (count is < 2 && needIn)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Online LiRA needs at least 2 reference models per example: one IN and one OUT.");
        if (count is < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "LiRA needs at least 1 reference model.");
        var (wantIn, wantOut) = count is { } k ? (needIn ? ((k + 1) / 2, k / 2) : (0, k)) : (int.MaxValue, int.MaxValue);
        var (n, a) = (set.Examples, set.Augmentations);
        var meanIn = needIn ? new double[n * a] : [];
        var stdIn = needIn ? new double[n * a] : [];
        var meanOut = new double[n * a];
        var stdOut = new double[n * a];
        double squaresIn = 0, squaresOut = 0;
        long countIn = 0, countOut = 0;
        var ins = new List<int>(references.Count);
        var outs = new List<int>(references.Count);
        for (var example = 0; example < n; example++)
        {
            ins.Clear();
            outs.Clear();
            foreach (var r in references)
                if (set.IsIn(r, example)) { if (ins.Count < wantIn) ins.Add(r); }
                else if (outs.Count < wantOut) outs.Add(r);
            if (outs.Count == 0 || (needIn && ins.Count == 0))
                throw new ArgumentException(
                    $"{set.Source}: example {example} is {(outs.Count == 0 ? "OUT" : "IN")} for none of the {references.Count} reference models of target model {target}, " +
                    $"so LiRA {(needIn ? "online" : "offline")} has no {(outs.Count == 0 ? "OUT" : "IN")} distribution to fit for it. " +
                    "Train each model on a random half of the pool (every example IN for half of the models), with more models, or use more reference models.");
            if (count is not null && (outs.Count < wantOut || (needIn && ins.Count < wantIn)))
                throw new ArgumentException(
                    $"{set.Source}: example {example} has {ins.Count} IN and {outs.Count} OUT models among the {references.Count} other models of target model {target}, " +
                    $"but LiRA {(needIn ? "online" : "offline")} with {count} reference models needs {(needIn ? $"{wantIn} IN and " : "")}{wantOut} OUT. Ask for fewer reference models.");
            for (var q = 0; q < a; q++)
            {
                var i = example * a + q;
                (meanOut[i], var sOut) = MeanAndSquares(phi, outs, example, q);
                stdOut[i] = Math.Sqrt(sOut / outs.Count);
                (squaresOut, countOut) = (squaresOut + sOut, countOut + outs.Count);
                if (!needIn) continue;
                (meanIn[i], var sIn) = MeanAndSquares(phi, ins, example, q);
                stdIn[i] = Math.Sqrt(sIn / ins.Count);
                (squaresIn, countIn) = (squaresIn + sIn, countIn + ins.Count);
            }
        }
        if (variance == LiraVariance.Global)
        {
            Array.Fill(stdOut, Math.Sqrt(squaresOut / countOut));
            if (needIn) Array.Fill(stdIn, Math.Sqrt(squaresIn / countIn));
        }
        for (var i = 0; i < stdOut.Length; i++) stdOut[i] += StdEpsilon;
        for (var i = 0; i < stdIn.Length; i++) stdIn[i] += StdEpsilon;
        return new(n, a, meanIn, stdIn, meanOut, stdOut);
    }

    // Two passes (mean, then squared deviations): no cancellation when φ is large and its spread small.
    static (double Mean, double Squares) MeanAndSquares(QueryValues phi, List<int> models, int example, int q)
    {
        var sum = 0.0;
        foreach (var m in models) sum += phi[m, example, q];
        var mean = sum / models.Count;
        var squares = 0.0;
        foreach (var m in models)
        {
            var d = phi[m, example, q] - mean;
            squares += d * d;
        }
        return (mean, squares);
    }
}
