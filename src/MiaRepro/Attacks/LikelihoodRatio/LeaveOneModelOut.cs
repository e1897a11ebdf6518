using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The many-model evaluation: each model in turn is the target, the others are the attacker's reference models, every
/// example of the pool is scored against the target with membership keep[target, n], and the scores of all targets are
/// concatenated into one <see cref="MembershipScores"/> (M·N scores, target-major). With a balanced keep mask that is
/// M·N/2 members and as many non-members. Carlini et al.'s plot.py scores one target, the last model (ntest = 1),
/// against the others; every model in turn averages over M targets. Which references score an example:
/// <see cref="ReferenceSides"/>.
/// </summary>
public static class LeaveOneModelOut
{
    /// <summary>
    /// Scores every target. <paramref name="scoreTarget"/> gets the target's index and its reference models (see
    /// <see cref="References"/>) and returns one score per example, higher = member.
    /// </summary>
    public static MembershipScores Run(ScoreSet set, Func<int, IReadOnlyList<int>, double[]> scoreTarget, int? referenceModels = null)
    {
        if (set.Models < 2)
            throw new ArgumentException($"{set.Source}: leave-one-model-out needs at least 2 models (one target, one reference), not {set.Models}.");
        var scores = new double[set.Models * set.Examples];
        var isMember = new bool[scores.Length];
        // Targets are independent and each fills its own slice: scored side by side on every core, the same numbers
        // in any order. A failure is rethrown as the lowest failing target's, whatever order they ran in.
        var errors = new Exception?[set.Models];
        Parallel.For(0, set.Models, target =>
        {
            try
            {
                var targetScores = scoreTarget(target, References(set.Models, target, referenceModels));
                if (targetScores.Length != set.Examples)
                    throw new InvalidOperationException($"An attack returned {targetScores.Length} scores for target {target}, not one per example ({set.Examples}).");
                targetScores.CopyTo(scores, target * set.Examples);
                for (var n = 0; n < set.Examples; n++) isMember[target * set.Examples + n] = set.IsIn(target, n);
            }
            catch (Exception e)
            {
                errors[target] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        return new(scores, isMember);
    }

    /// <summary>
    /// The reference models of <paramref name="target"/>: the other models in index order, the first
    /// <paramref name="count"/> of them when given. Index order, not a random draw: a set's models are already in random
    /// order (their members are), and taking a prefix makes k = 1, 2, 4, … nested.
    /// </summary>
    public static IReadOnlyList<int> References(int models, int target, int? count = null)
    {
        var others = Enumerable.Range(0, models).Where(m => m != target).ToArray();
        if (count is not { } k) return others;
        if (k < 1 || k > others.Length)
            throw new ArgumentOutOfRangeException(nameof(count), k, $"With {models} models each target has {others.Length} reference models: ask for 1 to {others.Length}.");
        return others[..k];
    }

    /// <summary>The pairs of the examples at <paramref name="positions"/> only, every target's (target·N + n): an
    /// evaluation on a subset, such as planted canaries.</summary>
    public static MembershipScores OnExamples(MembershipScores scores, int examples, int[] positions)
    {
        var targets = scores.Scores.Length / examples;
        var index = Enumerable.Range(0, targets).SelectMany(t => positions.Select(n => t * examples + n)).ToArray();
        return new([.. index.Select(i => scores.Scores[i])], [.. index.Select(i => scores.IsMember[i])]);
    }
}
