namespace MiaRepro.Privacy;

/// <summary>
/// The one-run audit's guesses (Steinke, Nasr &amp; Jagielski 2023, the experiments' procedure): the canaries are ranked by
/// the attack's score (higher = more likely included), "in" is guessed for the k₊ highest, "out" for the k₋ lowest,
/// and the auditor abstains on the rest. Canaries = m, Guesses = r = k₊ + k₋, Correct = v. Ties are ranked by index
/// (the earlier canary first), so the guesses are a function of the scores alone. k₊ and k₋ must be fixed without
/// looking at the inclusions for the bound at 1 − β to hold.
/// </summary>
public readonly record struct OneRunGuesses(int Canaries, int Guesses, int Correct)
{
    public static OneRunGuesses FromScores(IReadOnlyList<double> scores, IReadOnlyList<bool> included, int kPositive, int kNegative)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(included);
        var m = scores.Count;
        if (included.Count != m)
            throw new ArgumentException($"included has {included.Count} entries, scores {m}: one per canary.", nameof(included));
        if (m == 0) throw new ArgumentException("scores must hold at least one canary.", nameof(scores));
        for (var i = 0; i < m; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"scores[{i}] must be finite, got {scores[i]}.", nameof(scores));
        if (kPositive < 0 || kPositive > m)
            throw new ArgumentOutOfRangeException(nameof(kPositive), kPositive, $"kPositive (k₊) must be in [0, m] = [0, {m}], got {kPositive}.");
        if (kNegative < 0 || kNegative > m - kPositive)
            throw new ArgumentOutOfRangeException(nameof(kNegative), kNegative,
                $"kNegative (k₋) must be in [0, m − k₊] = [0, {m - kPositive}], got {kNegative}.");
        var order = Enumerable.Range(0, m).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var correct = 0;
        for (var j = 0; j < kPositive; j++) if (included[order[j]]) correct++;
        for (var j = m - kNegative; j < m; j++) if (!included[order[j]]) correct++;
        return new OneRunGuesses(m, kPositive + kNegative, correct);
    }
}
