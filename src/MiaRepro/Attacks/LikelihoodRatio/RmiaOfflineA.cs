using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// RMIA offline with its approximation parameter a fitted as Zarifzadeh et al. (2024) do, instead of fixed: the
/// attacker treats one of its own reference models as the target (it knows that model's training set), attacks it
/// offline with the remaining reference models for every a on <see cref="Grid"/>, and keeps the a with the highest AUC
/// (ties: the smallest a). Fitted per target of the leave-one-model-out evaluation, from that target's reference
/// models only, so the target's own keep row never enters the fit.
/// </summary>
/// <remarks>
/// The pseudo-target is the first reference model whose training set holds some but not all examples (with balanced
/// masks: the first reference); its references are the target's other references, and each example's Pr_OUT comes from
/// those of them that did not train on it (the first k of them when k is given, fewer where fewer exist).
/// </remarks>
public static class RmiaOfflineA
{
    /// <summary>a = 0, 0.05, …, 1.</summary>
    public static IReadOnlyList<double> Grid { get; } = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

    /// <summary>Offline RMIA leave-one-model-out with a fitted per target; the fitted a of every target, in target order.</summary>
    public static (MembershipScores Scores, double[] FittedA) Offline(ScoreSet set, QueryValues logP, RmiaOptions? options = null)
    {
        options ??= new();
        var logPrGivenModel = Rmia.PerModel(logP);
        var fitted = new double[set.Models];
        var scores = LeaveOneModelOut.Run(set, (target, refs) =>
        {
            var a = fitted[target] = Fit(set, logPrGivenModel, target, refs, options.ReferenceModels, options.Gamma);
            return Rmia.Scores(Rmia.LogRatios(set, logPrGivenModel, target, n => Rmia.OutReferences(set, target, refs, n, options.ReferenceModels, options.Balance), a), options.Gamma);
        });
        return (scores, fitted);
    }

    /// <summary>The a with the highest AUC on a pseudo-target among <paramref name="references"/> (see the remarks).</summary>
    /// <param name="logPrGivenModel">log Pr(x|θ_m), [M·N] (<see cref="Rmia.PerModel"/>).</param>
    public static double Fit(ScoreSet set, double[] logPrGivenModel, int target, IReadOnlyList<int> references, int? count, double gamma)
    {
        var pseudo = references.FirstOrDefault(r => set.MemberCount(r) is var c && c > 0 && c < set.Examples, -1);
        if (pseudo < 0)
            throw new ArgumentException($"{set.Source}: fitting RMIA's offline a for target model {target} needs a reference model that trained on some examples and not on others; none of its {references.Count} has.");
        var rest = references.Where(r => r != pseudo).ToList();
        var isMember = Enumerable.Range(0, set.Examples).Select(n => set.IsIn(pseudo, n)).ToArray();
        var outsOf = new IReadOnlyList<int>[set.Examples];
        for (var n = 0; n < set.Examples; n++)
        {
            var outs = rest.Where(r => !set.IsIn(r, n)).ToList();
            if (outs.Count == 0)
                throw new ArgumentException($"{set.Source}: fitting RMIA's offline a for target model {target}: example {n} is OUT for none of the reference models left " +
                    $"once model {pseudo} plays the target. Train each model on a random half of the pool, or with more models.");
            outsOf[n] = count is { } k && k < outs.Count ? outs[..k] : outs;
        }
        // log Pr_OUT(x) does not depend on a: averaged once, then each a is one log-add per example.
        var logPrOut = Rmia.LogMeanOverReferences(set, logPrGivenModel, n => outsOf[n]);
        var (best, bestAuc) = (Grid[0], double.NegativeInfinity);
        foreach (var a in Grid)
        {
            var scores = Rmia.Scores(Rmia.OfflineLogRatios(logPrOut, logPrGivenModel, pseudo, a), gamma);
            var auc = RocCurve.From(new MembershipScores(scores, isMember)).Auc;
            if (auc > bestAuc) (best, bestAuc) = (a, auc);
        }
        return best;
    }
}
