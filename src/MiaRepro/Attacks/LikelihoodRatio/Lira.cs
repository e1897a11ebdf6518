using MathNet.Numerics.Distributions;
using MiaRepro.Density;
using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The Likelihood Ratio Attack of Carlini et al. 2022 ("Membership Inference Attacks From First Principles"), a pure
/// function of stored outputs: φ (logit-scaled confidence) of the target on each query of an example, against Gaussians
/// of φ fitted on reference models that did (IN) and did not (OUT) train on it (<see cref="ReferenceGaussians"/>).
/// </summary>
/// <remarks>
/// Online: score = Σ_a [log N(φ_a; μ_in,a, σ_in,a) − log N(φ_a; μ_out,a, σ_out,a)], the log-likelihood ratio of the
/// query vector under diagonal Gaussians (the paper's multi-query attack). Offline, from OUT references only, the
/// paper's one-sided test: score = Σ_a log Φ((φ_a − μ_out,a)/σ_out,a), large when φ is above what OUT models give.
/// plot.py averages over queries instead of summing (÷A: the same ranking, so the same ROC), and its offline path
/// scores −log N(φ; μ_out, σ_out), two-sided; here the paper's one-sided test. Evaluation is leave-one-model-out
/// (<see cref="LeaveOneModelOut"/>) with the same number of references a side for every example (<see cref="ReferenceSides"/>).
/// </remarks>
public static class Lira
{
    /// <summary>The attacks' names in tables; the variance is a parameter (<see cref="AttackScores.Variance"/>), never part of them.</summary>
    public const string OnlineName = "lira-online", OfflineName = "lira-offline";

    /// <summary>Online LiRA, leave-one-model-out; the set needs IN and OUT references for every example.</summary>
    public static MembershipScores Online(ScoreSet set, LiraOptions? options = null) => Online(set, QueryValues.LogitScaled(set), options);

    /// <summary>Online LiRA on φ computed once (<see cref="QueryValues.LogitScaled"/>), so several variants share it.</summary>
    public static MembershipScores Online(ScoreSet set, QueryValues phi, LiraOptions? options = null)
    {
        options ??= new();
        ReferenceSides.Require(set, online: true, options.ReferenceModels, options.Balance, ReferenceGaussians.MinimumPerSide);
        return LeaveOneModelOut.Run(set, (target, refs) => OnlineScores(set, phi, target, refs, options));
    }

    /// <summary>Offline LiRA, leave-one-model-out; every example needs OUT references.</summary>
    public static MembershipScores Offline(ScoreSet set, LiraOptions? options = null) => Offline(set, QueryValues.LogitScaled(set), options);

    public static MembershipScores Offline(ScoreSet set, QueryValues phi, LiraOptions? options = null)
    {
        options ??= new();
        ReferenceSides.Require(set, online: false, options.ReferenceModels, options.Balance, ReferenceGaussians.MinimumPerSide);
        return LeaveOneModelOut.Run(set, (target, refs) => OfflineScores(set, phi, target, refs, options));
    }

    /// <summary>Online scores of one target's examples against <paramref name="references"/>.</summary>
    public static double[] OnlineScores(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraVariance variance, int? count = null,
        ReferenceBalance balance = ReferenceBalance.Balanced) =>
        OnlineScores(set, phi, target, references, new LiraOptions(variance, count, balance));

    /// <summary>Online scores of one target's examples against <paramref name="references"/>, every choice from <paramref name="options"/>.</summary>
    public static double[] OnlineScores(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraOptions options)
    {
        var fit = ReferenceGaussians.Fit(set, phi, target, references, options.Variance, needIn: true, options.ReferenceModels, options.Balance, options.Location, options.GlobalSigma);
        return Scores(set, phi, target, (i, x) => Normal.PDFLn(fit.MeanIn[i], fit.StdIn[i], x) - Normal.PDFLn(fit.MeanOut[i], fit.StdOut[i], x));
    }

    /// <summary>Offline scores of one target's examples against <paramref name="references"/> (their OUT models only).</summary>
    public static double[] OfflineScores(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraVariance variance, int? count = null,
        ReferenceBalance balance = ReferenceBalance.Balanced) =>
        OfflineScores(set, phi, target, references, new LiraOptions(variance, count, balance));

    /// <summary>Offline scores of one target's examples, every choice from <paramref name="options"/>: one-sided (the
    /// paper) or two-sided −log N (plot.py).</summary>
    public static double[] OfflineScores(ScoreSet set, QueryValues phi, int target, IReadOnlyList<int> references, LiraOptions options)
    {
        var fit = ReferenceGaussians.Fit(set, phi, target, references, options.Variance, needIn: false, options.ReferenceModels, options.Balance, options.Location, options.GlobalSigma);
        return options.OfflineTest == LiraOfflineTest.OneSided
            ? Scores(set, phi, target, (i, x) => StandardNormal.LogCdf((x - fit.MeanOut[i]) / fit.StdOut[i]))
            : Scores(set, phi, target, (i, x) => -Normal.PDFLn(fit.MeanOut[i], fit.StdOut[i], x));
    }

    // Σ over queries of a log-likelihood term of the target's φ; the term gets the (example, query) index n·A + a and φ.
    static double[] Scores(ScoreSet set, QueryValues phi, int target, Func<int, double, double> term)
    {
        var scores = new double[set.Examples];
        for (var n = 0; n < set.Examples; n++)
            for (var a = 0; a < set.Augmentations; a++)
                scores[n] += term(n * set.Augmentations + a, phi[target, n, a]);
        return scores;
    }
}
