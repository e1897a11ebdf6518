using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// RMIA, Zarifzadeh et al. 2024 ("Low-Cost High-Power Membership Inference Attacks"), a pure function of stored
/// outputs, evaluated leave-one-model-out (<see cref="LeaveOneModelOut"/>).
/// </summary>
/// <remarks>
/// Pr(x|θ) is the softmax probability of x's true label, the mean over queries. Pr(x) is the mean of Pr(x|θ_ref) over
/// the reference models (the same number a side for every example, <see cref="ReferenceSides"/>): online over IN and OUT references alike, offline over OUT references only through the linear
/// approximation ½((1 + a)·Pr_OUT(x) + (1 − a)). The likelihood ratio of x is Pr(x|θ)/Pr(x); its score is the fraction
/// of population examples z whose own ratio it beats by more than γ: #{z : ratio_x / ratio_z &gt; γ} / |Z|.
/// Population: for each target, every other example of the pool (Z = pool ∖ {x}), members of the target and
/// non-members alike: the attacker does not know the target's keep row, which is exactly what is being evaluated, so
/// choosing z by it (the target's OUT examples, the paper's "non-member population") would leak the answer into the
/// comparison set. With γ = 1 the choice of Z only sets the resolution: the score is then monotone in ratio_x.
/// Everything is in log space (log-sum-exp over queries and models), so a probability of 1e-300 is no 0.
/// </remarks>
public static class Rmia
{
    /// <summary>The attacks' names in tables; offline's a is a parameter (<see cref="AttackScores.A"/>), never part of them.</summary>
    public const string OnlineName = "rmia-online", OfflineName = "rmia-offline";

    public static MembershipScores Online(ScoreSet set, RmiaOptions? options = null) => Online(set, QueryValues.TrueClassLogProbability(set), options);

    /// <summary>Online RMIA on log p_y computed once (<see cref="QueryValues.TrueClassLogProbability"/>).</summary>
    public static MembershipScores Online(ScoreSet set, QueryValues logP, RmiaOptions? options = null)
    {
        options ??= new();
        var logPrGivenModel = PerModel(logP);
        ReferenceSides.Require(set, online: true, options.ReferenceModels, options.Balance, MinimumPerSide);
        return LeaveOneModelOut.Run(set, (target, refs) =>
            Scores(LogRatios(set, logPrGivenModel, target, n => BothSides(set, target, refs, n, options.ReferenceModels, options.Balance), null), options.Gamma));
    }

    public static MembershipScores Offline(ScoreSet set, RmiaOptions? options = null) => Offline(set, QueryValues.TrueClassLogProbability(set), options);

    /// <summary>Offline RMIA: per example, its first k OUT references (without k: as many as <see cref="RmiaOptions.Balance"/> says).</summary>
    public static MembershipScores Offline(ScoreSet set, QueryValues logP, RmiaOptions? options = null)
    {
        options ??= new();
        var logPrGivenModel = PerModel(logP);
        ReferenceSides.Require(set, online: false, options.ReferenceModels, options.Balance, MinimumPerSide);
        return LeaveOneModelOut.Run(set, (target, refs) =>
            Scores(LogRatios(set, logPrGivenModel, target, n => OutReferences(set, target, refs, n, options.ReferenceModels, options.Balance), options.OfflineA), options.Gamma));
    }

    /// <summary>A mean over one model is a mean: RMIA needs one reference a side.</summary>
    public const int MinimumPerSide = 1;

    /// <summary>log Pr(x|θ_target) − log Pr(x) of every example, Pr(x) the mean over <paramref name="references"/> (online).</summary>
    public static double[] OnlineLogRatios(ScoreSet set, QueryValues logP, int target, IReadOnlyList<int> references) =>
        LogRatios(set, PerModel(logP), target, _ => references, null);

    /// <summary>log Pr(x|θ_target) − log Pr(x) of every example, Pr(x) = ½((1 + a)·Pr_OUT(x) + (1 − a)) over each example's
    /// first <paramref name="count"/> OUT models among <paramref name="references"/> (without: as many as <paramref name="balance"/> says).</summary>
    public static double[] OfflineLogRatios(ScoreSet set, QueryValues logP, int target, IReadOnlyList<int> references, int? count, double a,
        ReferenceBalance balance = ReferenceBalance.Balanced) =>
        LogRatios(set, PerModel(logP), target, n => OutReferences(set, target, references, n, count, balance), a);

    /// <summary>
    /// The score of every example from its log ratio: the fraction of the other examples z with
    /// log ratio_x − log ratio_z &gt; log γ, by sorting (N log N, not the N² pairs).
    /// </summary>
    public static double[] Scores(double[] logRatios, double gamma)
    {
        var n = logRatios.Length;
        if (n < 2) throw new ArgumentException($"RMIA compares each example with the others: it needs at least 2 examples, not {n}.");
        var sorted = (double[])logRatios.Clone();
        Array.Sort(sorted);
        var logGamma = Math.Log(gamma);
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var below = CountBelow(sorted, logRatios[i] - logGamma);
            if (logGamma < 0) below--; // x beats itself only when γ < 1; it is not its own population
            scores[i] = (double)below / (n - 1);
        }
        return scores;
    }

    /// <summary>log Pr(x|θ_m) = log mean_a p_y for every model and example, [M·N].</summary>
    internal static double[] PerModel(QueryValues logP)
    {
        var result = new double[logP.Models * logP.Examples];
        var row = new double[logP.Augmentations];
        for (var m = 0; m < logP.Models; m++)
            for (var n = 0; n < logP.Examples; n++)
            {
                for (var a = 0; a < logP.Augmentations; a++) row[a] = logP[m, n, a];
                result[m * logP.Examples + n] = LogMeanExp(row);
            }
        return result;
    }

    // log Pr(x|θ_target) − log Pr(x) per example; offlineA null: online (Pr(x) the plain mean over the references).
    internal static double[] LogRatios(ScoreSet set, double[] logPrGivenModel, int target, Func<int, IReadOnlyList<int>> referencesOf, double? offlineA)
    {
        var logPrX = LogMeanOverReferences(set, logPrGivenModel, referencesOf);
        if (offlineA is { } a) return OfflineLogRatios(logPrX, logPrGivenModel, target, a);
        var n = set.Examples;
        var ratios = new double[n];
        for (var x = 0; x < n; x++) ratios[x] = logPrGivenModel[target * n + x] - logPrX[x];
        return ratios;
    }

    /// <summary>The OUT references that score <paramref name="example"/> offline (<see cref="ReferenceSides"/>).</summary>
    /// <summary>log Pr_OUT(x) of every example: the log-mean of Pr(x|θ_ref) over its references, as <see cref="LogRatios"/> averages them.</summary>
    internal static double[] LogMeanOverReferences(ScoreSet set, double[] logPrGivenModel, Func<int, IReadOnlyList<int>> referencesOf)
    {
        var n = set.Examples;
        var result = new double[n];
        for (var x = 0; x < n; x++)
        {
            var refs = referencesOf(x);
            var values = new double[refs.Count];
            for (var r = 0; r < refs.Count; r++) values[r] = logPrGivenModel[refs[r] * n + x];
            result[x] = LogMeanExp(values);
        }
        return result;
    }

    /// <summary>Offline log ratios at <paramref name="a"/> from each example's log Pr_OUT(x) averaged once
    /// (<see cref="LogMeanOverReferences"/>): the same operations as <see cref="LogRatios"/> at a, bit for bit.</summary>
    internal static double[] OfflineLogRatios(double[] logPrOut, double[] logPrGivenModel, int target, double a)
    {
        var n = logPrOut.Length;
        var ratios = new double[n];
        for (var x = 0; x < n; x++)
            ratios[x] = logPrGivenModel[target * n + x] - (LogAddExp(Math.Log(1 + a) + logPrOut[x], Math.Log(1 - a)) - Math.Log(2));
        return ratios;
    }

    internal static IReadOnlyList<int> OutReferences(ScoreSet set, int target, IReadOnlyList<int> others, int example, int? count,
        ReferenceBalance balance = ReferenceBalance.Balanced) =>
        ReferenceSides.Of(set, target, others, example, online: false, count, balance, MinimumPerSide).Out;

    /// <summary>The IN and OUT references that score <paramref name="example"/> online, as one list (Pr(x) their mean).</summary>
    internal static IReadOnlyList<int> BothSides(ScoreSet set, int target, IReadOnlyList<int> others, int example, int? count, ReferenceBalance balance)
    {
        var (ins, outs) = ReferenceSides.Of(set, target, others, example, online: true, count, balance, MinimumPerSide);
        return [.. ins, .. outs];
    }

    static int CountBelow(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static double LogMeanExp(double[] values)
    {
        var max = values.Max();
        if (double.IsNegativeInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum / values.Length);
    }

    static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
