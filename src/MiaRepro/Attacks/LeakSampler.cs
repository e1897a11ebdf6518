namespace MiaRepro.Attacks;

/// <summary>
/// Draws what the data-leak attacker knows, as Bîndilă et al.'s Sampler (src/sampling/Sampler.py) does: with M members
/// and a leak of p %, n = ⌊M·p/100⌋ known members and n private non-members (for CIFAR-10's 50 000 members: 500 at
/// p = 1 %, 8 000 at p = 16 %), plus h = ⌊0.2·n⌋ more of each held out for evaluation. Members and non-members are
/// each drawn without replacement from one seeded permutation — the first n are fitted on, the next h held out — so
/// the sets are disjoint and the draw is the same for the same seed.
/// </summary>
/// <remarks>
/// Differences from the authors' code, on purpose: they draw from range(50000 − 1) and range(10000 − 1), leaving the
/// last training and test image out of every sample; here every index can be drawn. They allow 0 &lt; p ≤ 16
/// (CIFAR-10's 10 000 test images cap the private plus held-out set at 1.2·n); here p may be anything in (0, 100)
/// that the arrays can serve, and a too-large p says which array runs out. Their RNG is numpy's; ours is .NET's
/// seeded <see cref="Random"/>, so the same seed draws different (equally random) indices.
/// </remarks>
public static class LeakSampler
{
    public const double DefaultHeldOutFraction = 0.2;

    /// <param name="memberLosses">The loss of every member of the target's training set (index = example).</param>
    /// <param name="nonMemberLosses">The loss of every non-member the attacker could hold privately.</param>
    /// <param name="leakPercent">p in (0, 100): the % of the members the attacker knows.</param>
    /// <param name="seed">Seeds the draw; the authors' trials use p·trial.</param>
    /// <param name="heldOutFraction">h/n, 0.2 in the paper's code.</param>
    public static LeakSample Draw(IReadOnlyList<double> memberLosses, IReadOnlyList<double> nonMemberLosses,
        double leakPercent, int seed, double heldOutFraction = DefaultHeldOutFraction)
    {
        if (!(leakPercent > 0 && leakPercent < 100))
            throw new ArgumentException($"Leak percentage {leakPercent} is out of range: it is the % of the target's members the attacker knows, 0 < p < 100 (the paper uses 1–16).");
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
            throw new ArgumentException($"Held-out fraction {heldOutFraction} is out of range: it is the held-out set's size relative to the known set, 0 < f < 1 (the paper uses 0.2).");

        int members = memberLosses.Count, nonMembers = nonMemberLosses.Count;
        int n = (int)Math.Floor(members * leakPercent / 100);
        int h = (int)Math.Floor(n * heldOutFraction);
        if (n < 2 || h < 1)
            throw new ArgumentException($"A {leakPercent}% leak of {members} members gives n = {n} known members and h = {h} held out: the KDEs need n ≥ 2 and the held-out evaluation h ≥ 1 — raise the leak percentage (n ≥ {(int)Math.Ceiling(1 / heldOutFraction)} for f = {heldOutFraction}).");
        if (n + h > members)
            throw new ArgumentException($"A {leakPercent}% leak needs {n} known + {h} held-out = {n + h} members but there are {members}: lower the leak percentage to at most {MaxLeakPercent(members, members, heldOutFraction):0.##}%.");
        if (n + h > nonMembers)
            throw new ArgumentException($"A {leakPercent}% leak needs {n} private + {h} held-out = {n + h} non-members but there are {nonMembers}: lower the leak percentage to at most {MaxLeakPercent(members, nonMembers, heldOutFraction):0.##}% (the paper stops at 16% for CIFAR-10's 10 000 test images).");

        var rng = new Random(seed);
        var memberOrder = Permutation(members, rng);
        var nonMemberOrder = Permutation(nonMembers, rng);
        int[] known = memberOrder[..n], heldMembers = memberOrder[n..(n + h)];
        int[] priv = nonMemberOrder[..n], heldNonMembers = nonMemberOrder[n..(n + h)];
        return new LeakSample(known, priv, heldMembers, heldNonMembers,
            Take(memberLosses, known), Take(nonMemberLosses, priv), Take(memberLosses, heldMembers), Take(nonMemberLosses, heldNonMembers))
        {
            LeakPercent = leakPercent,
            Seed = seed,
        };
    }

    /// <summary>The largest p (approximately) whose n + ⌊f·n⌋ examples fit into <paramref name="available"/>.</summary>
    static double MaxLeakPercent(int members, int available, double heldOutFraction) =>
        Math.Floor(100.0 * available / (1 + heldOutFraction) / members * 100) / 100;

    static int[] Permutation(int count, Random rng)
    {
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        return order;
    }

    static double[] Take(IReadOnlyList<double> values, int[] indices) => indices.Select(i => values[i]).ToArray();
}
