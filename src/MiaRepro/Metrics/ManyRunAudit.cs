namespace MiaRepro.Metrics;

/// <summary>
/// The many-run privacy audit (Jagielski et al. 2020; Tramèr's lecture §4.1): many trainings, each with or without one
/// canary, scored by an attack; the threshold is chosen on the first half of the runs (by index) as the one with the
/// largest TPR − FPR, and the second half's confusion counts at it give <see cref="EpsilonLowerBound"/>'s Clopper–Pearson
/// bound. Choosing the threshold on runs the bound does not read is the correction for picking the best threshold:
/// the bound then holds at 1 − α as stated (picking it on the same runs would not).
/// </summary>
public static class ManyRunAudit
{
    public const string Name = "many-run";

    public sealed record Result(int Runs, double Threshold, ConfusionCounts Counts, EpsilonLowerBound Bound);

    /// <param name="scores">Per run, the attack's score of the canary (higher = included).</param>
    /// <param name="included">Per run, whether the canary was in its training set.</param>
    public static Result Of(IReadOnlyList<double> scores, IReadOnlyList<bool> included, double alpha, double delta)
    {
        if (scores.Count != included.Count)
            throw new ArgumentException($"{scores.Count} scores for {included.Count} runs: one score per run.", nameof(included));
        var half = scores.Count / 2;
        var select = Enumerable.Range(0, half).ToArray();
        var evaluate = Enumerable.Range(half, scores.Count - half).ToArray();
        foreach (var (part, runs) in new[] { ("first", select), ("second", evaluate) })
            if (!runs.Any(r => included[r]) || runs.All(r => included[r]))
                throw new ArgumentException($"The {part} half of the {scores.Count} runs needs runs with and without the canary: " +
                                            "alternate them (run r includes it iff r is even) and use at least 4 runs.", nameof(included));
        var threshold = select.Select(r => scores[r]).Distinct().OrderByDescending(t => t)
            .MaxBy(t => Rate(select, r => scores[r] >= t && included[r], r => included[r]) - Rate(select, r => scores[r] >= t && !included[r], r => !included[r]));
        var counts = new ConfusionCounts(
            evaluate.Count(r => included[r] && scores[r] >= threshold), evaluate.Count(r => !included[r] && scores[r] >= threshold),
            evaluate.Count(r => !included[r] && scores[r] < threshold), evaluate.Count(r => included[r] && scores[r] < threshold));
        return new(scores.Count, threshold, counts, EpsilonLowerBound.FromCounts(counts, alpha, delta));
    }

    /// <summary>The fewest balanced runs whose second half can give a bound above 0 at (α, δ) even when the attack is
    /// perfect: below it the audit cannot tell anything, whatever the training.</summary>
    public static int RunsNeeded(double alpha, double delta)
    {
        for (var runs = 4; runs <= 1 << 20; runs += 4)
        {
            var k = runs / 4;   // members (and non-members) in the evaluated half
            var perfect = new ConfusionCounts(k, 0, k, 0);
            if (EpsilonLowerBound.FromCounts(perfect, alpha, delta).Epsilon > 0) return runs;
        }
        throw new ArgumentException($"No number of runs gives a bound above 0 at α = {alpha}, δ = {delta}.");
    }

    static double Rate(int[] runs, Func<int, bool> hit, Func<int, bool> of) => (double)runs.Count(hit) / runs.Count(of);
}
