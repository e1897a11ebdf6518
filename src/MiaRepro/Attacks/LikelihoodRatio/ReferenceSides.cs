namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The reference models that score one example for one target, by side: IN (trained on it) and OUT (did not), each in
/// index order so k = 4, 8, … are nested. With k references: online k/2 a side (k even), offline k OUT. Without: by
/// <see cref="ReferenceBalance"/> — balanced, the count a side that every target can supply, so it never follows the
/// target's own membership. Every request is checked here, with errors that name the largest count the set allows.
/// </summary>
public static class ReferenceSides
{
    /// <summary>IN and OUT references of <paramref name="example"/> among <paramref name="references"/> (the target's
    /// others). Offline (<paramref name="online"/> false) the IN list is empty.</summary>
    /// <param name="minimum">The fewest a side may hold: 2 where a σ is estimated from it (LiRA), 1 for a mean (RMIA).</param>
    public static (List<int> In, List<int> Out) Of(ScoreSet set, int target, IReadOnlyList<int> references, int example, bool online, int? count,
        ReferenceBalance balance, int minimum)
    {
        var (wantIn, wantOut) = Wanted(set, example, online, count, balance) ?? (online ? int.MaxValue : 0, int.MaxValue);
        var (ins, outs) = (new List<int>(), new List<int>());
        foreach (var r in references)
            if (set.IsIn(r, example)) { if (online && ins.Count < wantIn) ins.Add(r); }
            else if (outs.Count < wantOut) outs.Add(r);
        if (wantOut != int.MaxValue && ((online && ins.Count < wantIn) || outs.Count < wantOut))
            throw new ArgumentException($"{set.Source}: example {example} has {References(set, references, example, true)} IN and " +
                $"{References(set, references, example, false)} OUT models among the {references.Count} references of target model {target}, fewer than the " +
                $"{(online ? $"{wantIn} IN and " : "")}{wantOut} OUT asked for. {Fix(set, online, minimum)}");
        if ((online && ins.Count < minimum) || outs.Count < minimum)
            throw new ArgumentException($"{set.Source}: example {example} of target model {target} gets {(online ? $"{ins.Count} IN and " : "")}{outs.Count} OUT " +
                $"reference model(s), fewer than the {minimum} a side this attack needs{(minimum > 1 ? " (a σ estimated from one model is 0, and LiRA turns into a distance test)" : "")}. {Fix(set, online, minimum)}");
        return (ins, outs);
    }

    /// <summary>Throws before any scoring unless every example of <paramref name="set"/> can be scored with
    /// <paramref name="count"/> references (or the balanced count) and at least <paramref name="minimum"/> a side.</summary>
    public static void Require(ScoreSet set, bool online, int? count, ReferenceBalance balance, int minimum)
    {
        if (online && count is { } k && k % 2 != 0)
            throw new ArgumentException($"{k} reference models: online attacks take k/2 IN and k/2 OUT models per example, so k must be even. {Fix(set, online, minimum)}");
        for (var n = 0; n < set.Examples; n++)
        {
            var (inAll, outAll) = (set.InCount(n), set.Models - set.InCount(n));
            // All others: the fewest a target leaves on a side is one less than the models on it.
            var (wantIn, wantOut) = Wanted(set, n, online, count, balance) ?? (online ? inAll - 1 : 0, outAll - 1);
            // A target's others hold one fewer of the side the target is on: what every target can supply.
            if ((online && (wantIn > inAll - 1 || wantIn < minimum)) || wantOut > outAll - 1 || wantOut < minimum)
                throw new ArgumentException($"{set.Source}: example {n} is IN for {inAll} and OUT for {outAll} of {set.Models} models, so " +
                    $"{(count is { } c ? $"{c} reference models" : "the balanced reference count")} leave{(count is null ? "s" : "")} it {(online ? $"{wantIn} IN and " : "")}" +
                    $"{Math.Min(wantOut, outAll - 1)} OUT where {minimum} a side are needed and a target's others hold at most {(online ? $"{inAll - 1} IN and " : "")}{outAll - 1} OUT. " +
                    Fix(set, online, minimum));
        }
    }

    /// <summary>The largest k every example allows: online twice the smallest balanced side, offline the smallest OUT
    /// count a target's others hold.</summary>
    public static int Largest(ScoreSet set, bool online) =>
        Enumerable.Range(0, set.Examples).Min(n => online
            ? 2 * (Math.Min(set.InCount(n), set.Models - set.InCount(n)) - 1)
            : set.Models - set.InCount(n) - 1);

    /// <summary>IN and OUT count wanted for an example; null: every other model (<see cref="ReferenceBalance.AllOthers"/>).</summary>
    static (int In, int Out)? Wanted(ScoreSet set, int example, bool online, int? count, ReferenceBalance balance)
    {
        if (count is { } k) return online ? (k / 2, k / 2) : (0, k);
        if (balance == ReferenceBalance.AllOthers) return null;
        var (inAll, outAll) = (set.InCount(example), set.Models - set.InCount(example));
        var side = Math.Min(inAll, outAll) - 1;
        return online ? (side, side) : (0, outAll - 1);
    }

    static int References(ScoreSet set, IReadOnlyList<int> references, int example, bool side) => references.Count(r => set.IsIn(r, example) == side);

    static string Fix(ScoreSet set, bool online, int minimum)
    {
        var (largest, smallest) = (Largest(set, online), online ? 2 * minimum : minimum);
        return largest < smallest
            ? $"These {set.Models} models allow no {(online ? "online" : "offline")} count (at least {smallest} needed, at most {Math.Max(largest, 0)} available): train more models, each on a random half of the pool."
            : $"The largest {(online ? "online" : "offline")} count these {set.Models} models allow is {largest}, the smallest {smallest}: ask for a count in between, or train more models (each on a random half of the pool).";
    }
}
