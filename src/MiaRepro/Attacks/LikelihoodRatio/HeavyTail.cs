namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// "Vulnerability is heavy-tailed: few examples carry most of the low-FPR TPR" (Tramèr's lecture on Carlini et al.
/// 2022), measured on <see cref="PerExampleDetection"/>: where an attack's true positives at a low FPR fall, per example.
/// </summary>
/// <remarks>
/// Two statistics, each beside its value under a null computed here, not assumed. With few true positives (at 0.1 % FPR
/// a few per target) any TPs sit on few examples just by scarcity: 20 TPs cover at most 20 examples, so "the top 1 % of
/// examples hold all TPs" can be true of TPs thrown at random. The null keeps each target's TP count and spreads its TPs
/// uniformly at random over that target's members (a permutation of which members it detects), <see cref="NullDraws"/>
/// times with a seeded generator; a heavy tail is a concentration beyond it: the same examples detected by target after
/// target.
/// <list type="bullet">
/// <item><see cref="Top"/>: the share of TPs on the top 1 % of examples (⌈N/100⌉) by detection count.</item>
/// <item><see cref="HalfDetected"/>: the share of TPs on examples detected by at least half of the targets that trained
/// on them (2·d ≥ IN targets; with a balanced mask d ≥ M/4). Random spread makes repeat detections of one example rare,
/// so scarcity pushes this share down, not up.</item>
/// </list>
/// </remarks>
public sealed record HeavyTail(double TargetFpr, int TruePositives, int MemberPairs, int TopExamples, Concentration Top, Concentration HalfDetected,
    int[] DetectionHistogram, int NullDraws)
{
    /// <summary>The "few examples" of <see cref="Top"/>: the top 1 % by detection count.</summary>
    public const double TopFraction = 0.01;

    /// <summary>Random spreads per statistic: p-values down to 1/1001.</summary>
    public const int DefaultNullDraws = 1000;

    public static HeavyTail Of(PerExampleDetection detection, int nullDraws = DefaultNullDraws, int seed = 0)
    {
        if (nullDraws < 1) throw new ArgumentOutOfRangeException(nameof(nullDraws), nullDraws, "The null needs at least one random spread.");
        var (n, models) = (detection.Examples, detection.Models);
        var top = Math.Max(1, (int)Math.Ceiling(TopFraction * n - 1e-9));
        var maxIn = detection.InTargets.Max();
        var total = detection.TotalTruePositives;
        var (observedTop, observedHalf) = (TopSum(detection.Detections, top, maxIn), HalfSum(detection.Detections, detection.InTargets));

        // Each target's members, to draw its TP count from; a partial Fisher–Yates shuffle per target and draw.
        var members = Enumerable.Range(0, models).Select(t =>
            Enumerable.Range(0, n).Where(e => detection.IsMember[t * n + e]).ToArray()).ToArray();
        var random = new Random(seed);
        var counts = new int[n];
        var (nullTop, nullHalf) = (new int[nullDraws], new int[nullDraws]);
        for (var draw = 0; draw < nullDraws; draw++)
        {
            Array.Clear(counts);
            for (var t = 0; t < models; t++)
            {
                var pool = members[t];
                for (var i = 0; i < detection.TruePositives[t]; i++)
                {
                    var j = random.Next(i, pool.Length);
                    (pool[i], pool[j]) = (pool[j], pool[i]);
                    counts[pool[i]]++;
                }
            }
            (nullTop[draw], nullHalf[draw]) = (TopSum(counts, top, maxIn), HalfSum(counts, detection.InTargets));
        }
        var histogram = new int[maxIn + 1];
        foreach (var d in detection.Detections) histogram[d]++;
        return new(detection.TargetFpr, total, detection.MemberPairs, top,
            Summarise(observedTop, nullTop, total), Summarise(observedHalf, nullHalf, total), histogram, nullDraws);
    }

    /// <summary>The TPs on the <paramref name="top"/> examples with the most detections (counts are 0 … <paramref name="max"/>).</summary>
    public static int TopSum(int[] detections, int top, int max)
    {
        var byCount = new int[max + 1];
        foreach (var d in detections) byCount[d]++;
        var (sum, left) = (0, top);
        for (var d = max; d > 0 && left > 0; d--)
        {
            var take = Math.Min(left, byCount[d]);
            (sum, left) = (sum + take * d, left - take);
        }
        return sum;
    }

    /// <summary>The TPs on examples detected by at least half of the targets that trained on them.</summary>
    public static int HalfSum(int[] detections, int[] inTargets)
    {
        var sum = 0;
        for (var e = 0; e < detections.Length; e++)
            if (detections[e] > 0 && 2 * detections[e] >= inTargets[e]) sum += detections[e];
        return sum;
    }

    // Sums compared as integers (no rounding in the p-value); shares in % of the TPs.
    static Concentration Summarise(int observed, int[] nulls, int total)
    {
        if (total == 0) return new(0, 0, 0, 1);
        double Share(int sum) => 100.0 * sum / total;
        var sorted = (int[])nulls.Clone();
        Array.Sort(sorted);
        var q99 = sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];   // nearest rank
        var atLeast = nulls.Count(s => s >= observed);
        return new(Share(observed), nulls.Average(Share), Share(q99), (1.0 + atLeast) / (1.0 + nulls.Length));
    }
}
