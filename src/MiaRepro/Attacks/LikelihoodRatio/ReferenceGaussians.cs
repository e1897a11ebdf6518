namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// LiRA's fitted distributions for one target: per example and query, the mean and standard deviation of φ over the
/// reference models that trained on the example (IN) and over those that did not (OUT), each [N·A].
/// </summary>
/// <remarks>
/// Definitions (the paper's Algorithm 1) by default; each place where Carlini et al.'s plot.py differs is a named option
/// (<see cref="LiraLocation"/>, <see cref="LiraGlobalSigma"/>, <see cref="LiraOptions.PlotPy"/>):
/// <list type="bullet">
/// <item>Location is the mean of the values; plot.py uses their median.</item>
/// <item>Spread is the population standard deviation (ddof 0), as plot.py's np.std, over the example's IN (OUT)
/// references: by default as many a side as every target can supply (<see cref="ReferenceBalance"/>), where plot.py
/// cuts every example to the smallest count over all examples.</item>
/// <item>Global variance: one σ_in pooled over every example's and query's IN values around their own example's mean,
/// and one σ_out likewise over OUT values (the paper: the same variance for all examples, per-example means). plot.py's
/// fixed-variance path takes np.std of all IN values around their global mean, and uses that IN std for OUT as well
/// (std_out = np.std(dat_in)); here OUT has its own, as the paper says.</item>
/// </list>
/// Each side needs at least 2 references per example (<see cref="MinimumPerSide"/>); a σ of 0 (identical values) gets
/// 1e-30 added, as plot.py does, so every log-density is finite.
/// </remarks>
public sealed class ReferenceGaussians
{
    /// <summary>plot.py's std + 1e-30: keeps a zero σ from dividing by zero.</summary>
    public const double StdEpsilon = 1e-30;

    /// <summary>References a side needs: a σ estimated from one value is 0 (per example, and pooled around each
    /// example's own mean for the global σ), which turns the likelihood ratio into a distance test.</summary>
    public const int MinimumPerSide = 2;

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
    /// (offline) IN is left empty. Which references score an example, and the errors when too few do:
    /// <see cref="ReferenceSides"/> (at least 2 a side: a σ from one value is 0).
    /// </summary>
    /// <param name="count">k reference models per example, as the paper counts shadow models: online k/2 IN and k/2 OUT,
    /// offline k OUT; null: by <paramref name="balance"/>.</param>
    /// <param name="location">Mean (the paper) or median (plot.py); σ is around the mean either way, as np.std is.</param>
    /// <param name="globalSigma">With the global variance: the paper's pooled σ, or plot.py's (<see cref="LiraGlobalSigma"/>).</param>
    public static ReferenceGaussians Fit(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraVariance variance, bool needIn,
        int? count = null, ReferenceBalance balance = ReferenceBalance.Balanced, LiraLocation location = LiraLocation.Mean,
        LiraGlobalSigma globalSigma = LiraGlobalSigma.Pooled)
    {
        var (n, a) = (set.Examples, set.Augmentations);
        var meanIn = needIn ? new double[n * a] : [];
        var stdIn = needIn ? new double[n * a] : [];
        var meanOut = new double[n * a];
        var stdOut = new double[n * a];
        double squaresIn = 0, squaresOut = 0;
        long countIn = 0, countOut = 0;
        var sides = new (List<int> In, List<int> Out)[n];
        for (var example = 0; example < n; example++)
        {
            var (ins, outs) = sides[example] = ReferenceSides.Of(set, target, references, example, needIn, count, balance, MinimumPerSide);
            for (var q = 0; q < a; q++)
            {
                var i = example * a + q;
                (meanOut[i], var sOut) = MeanAndSquares(phi, outs, example, q);
                stdOut[i] = Math.Sqrt(sOut / outs.Count);
                (squaresOut, countOut) = (squaresOut + sOut, countOut + outs.Count);
                if (location == LiraLocation.Median) meanOut[i] = Median(phi, outs, example, q);
                if (!needIn) continue;
                (meanIn[i], var sIn) = MeanAndSquares(phi, ins, example, q);
                stdIn[i] = Math.Sqrt(sIn / ins.Count);
                (squaresIn, countIn) = (squaresIn + sIn, countIn + ins.Count);
                if (location == LiraLocation.Median) meanIn[i] = Median(phi, ins, example, q);
            }
        }
        if (variance == LiraVariance.Global && globalSigma == LiraGlobalSigma.PlotPy)
        {
            // plot.py: std_in = np.std(dat_in) over every IN value; online std_out = std_in, offline np.std(dat_out).
            var sigma = GlobalStd(phi, sides, a, needIn);
            Array.Fill(stdOut, sigma);
            if (needIn) Array.Fill(stdIn, sigma);
        }
        else if (variance == LiraVariance.Global)
        {
            Array.Fill(stdOut, Math.Sqrt(squaresOut / countOut));
            if (needIn) Array.Fill(stdIn, Math.Sqrt(squaresIn / countIn));
        }
        for (var i = 0; i < stdOut.Length; i++) stdOut[i] += StdEpsilon;
        for (var i = 0; i < stdIn.Length; i++) stdIn[i] += StdEpsilon;
        return new(n, a, meanIn, stdIn, meanOut, stdOut);
    }

    // np.std of every value on one side (IN when online, OUT offline) around their global mean, two passes.
    static double GlobalStd(QueryValues phi, (List<int> In, List<int> Out)[] sides, int augmentations, bool inSide)
    {
        var (sum, count) = (0.0, 0L);
        for (var n = 0; n < sides.Length; n++)
            foreach (var m in inSide ? sides[n].In : sides[n].Out)
                for (var q = 0; q < augmentations; q++) (sum, count) = (sum + phi[m, n, q], count + 1);
        var mean = sum / count;
        var squares = 0.0;
        for (var n = 0; n < sides.Length; n++)
            foreach (var m in inSide ? sides[n].In : sides[n].Out)
                for (var q = 0; q < augmentations; q++) squares += (phi[m, n, q] - mean) * (phi[m, n, q] - mean);
        return Math.Sqrt(squares / count);
    }

    // np.median: the middle value, or the mean of the two middle values.
    static double Median(QueryValues phi, List<int> models, int example, int q)
    {
        var values = models.Select(m => phi[m, example, q]).Order().ToArray();
        var h = values.Length / 2;
        return values.Length % 2 == 1 ? values[h] : (values[h - 1] + values[h]) / 2;
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
