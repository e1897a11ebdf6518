using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace MiaRepro.Metrics;

/// <summary>
/// Bootstrap confidence intervals for attack metrics. Resampling is stratified: each resample draws the members
/// with replacement from the members and the non-members from the non-members, so every resample keeps the set's
/// class counts (and always has both classes). The generator is MathNet's Mersenne Twister seeded with the given
/// seed: the same seed gives the same interval on every platform and runtime.
/// </summary>
public static class Bootstrap
{
    /// <summary>Percentile interval for the ROC AUC (quantiles interpolated linearly, R type 7 / numpy's default).</summary>
    public static BootstrapInterval AucInterval(MembershipScores scores, int resamples = 1000, double alpha = 0.05, int seed = 0)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "The bootstrap needs at least one resample.");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in (0, 1), e.g. 0.05 for 95%.");
        EvaluationSet.RequireBothClasses(scores, "A bootstrap AUC interval");

        // Rank once: a resample only changes how often each example counts, so its AUC is a weighted walk over the
        // same tie groups (O(n) per resample instead of a sort).
        var (groupOf, groups) = TieGroups(scores.Scores);
        var members = Enumerable.Range(0, scores.Scores.Length).Where(i => scores.IsMember[i]).ToArray();
        var nonMembers = Enumerable.Range(0, scores.Scores.Length).Where(i => !scores.IsMember[i]).ToArray();
        var tpWeight = new int[groups];
        var fpWeight = new int[groups];
        var random = new MersenneTwister(seed, threadSafe: false);
        var aucs = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(tpWeight);
            Array.Clear(fpWeight);
            for (var j = 0; j < members.Length; j++) tpWeight[groupOf[members[random.Next(members.Length)]]]++;
            for (var j = 0; j < nonMembers.Length; j++) fpWeight[groupOf[nonMembers[random.Next(nonMembers.Length)]]]++;
            aucs[b] = WeightedAuc(tpWeight, fpWeight, members.Length, nonMembers.Length);
        }
        Array.Sort(aucs);
        var estimate = RocCurve.From(scores).Auc;
        return new(estimate,
            SortedArrayStatistics.QuantileCustom(aucs, alpha / 2, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(aucs, 1 - alpha / 2, QuantileDefinition.R7),
            alpha, resamples, seed);
    }

    /// <summary>Each example's tie group, groups numbered from the highest score down.</summary>
    static (int[] GroupOf, int Groups) TieGroups(double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        var groupOf = new int[scores.Length];
        var group = -1;
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            if (i == keys.Length - 1 || keys[i] != keys[i + 1]) group++;
            groupOf[order[i]] = group;
        }
        return (groupOf, group + 1);
    }

    /// <summary>The trapezoid AUC of the ROC walked group by group, high scores first (ties count half).</summary>
    static double WeightedAuc(int[] tpWeight, int[] fpWeight, int members, int nonMembers)
    {
        long twiceArea = 0, tp = 0;
        for (var g = 0; g < tpWeight.Length; g++)
        {
            twiceArea += fpWeight[g] * (2 * tp + tpWeight[g]);
            tp += tpWeight[g];
        }
        return twiceArea / (2.0 * members * nonMembers);
    }
}
