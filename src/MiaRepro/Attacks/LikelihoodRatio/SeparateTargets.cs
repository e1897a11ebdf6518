using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// The other evaluation of Carlini et al. (§V): targets trained separately, never among the attacker's reference
/// models. Each target in turn joins the M reference models as model M, every attack of <see cref="ManyModelAttacks"/>
/// scores it with all M as references, and its N scores (membership from its own keep row) are kept; the targets'
/// scores are concatenated (T·N, target-major) like <see cref="LeaveOneModelOut"/>'s.
/// </summary>
public static class SeparateTargets
{
    public static IReadOnlyList<AttackScores> Run(ScoreSet references, ScoreSet targets)
    {
        if (references.Examples != targets.Examples || references.Augmentations != targets.Augmentations || references.Classes != targets.Classes
            || !references.Labels.AsSpan().SequenceEqual(targets.Labels))
            throw new ArgumentException($"Separate targets ({targets.Source}) must be queried on the references' pool, with the same queries and labels ({references.Source}).");
        var (m, n) = (references.Models, references.Examples);
        // Keyed by the label, which tells the variants apart; the first target's AttackScores carries the typed parameters.
        var perAttack = new Dictionary<string, (AttackScores First, List<double> Scores, List<bool> Member, List<double> FittedA)>();
        var order = new List<string>();
        var block = n * references.Augmentations * references.Classes;
        var refKeep = references.Keep();
        for (var t = 0; t < targets.Models; t++)
        {
            var keep = new bool[m + 1, n];
            for (var i = 0; i < m; i++) for (var j = 0; j < n; j++) keep[i, j] = refKeep[i, j];
            for (var j = 0; j < n; j++) keep[m, j] = targets.IsIn(t, j);
            var logits = new float[references.Logits.Length + block];
            references.Logits.CopyTo(logits, 0);
            Array.Copy(targets.Logits, (long)t * block, logits, references.Logits.Length, block);
            var joined = new ScoreSet(keep, logits, references.Augmentations, references.Classes, references.Labels.Select(y => (long)y).ToArray(),
                $"{references.Source} + separate target {t}");
            // The separate target is no reference: every example has M/2 IN and M/2 OUT references whatever the target's
            // membership, so all of them score it (balancing would only drop one a side).
            foreach (var attack in ManyModelAttacks.Run(joined, balance: ReferenceBalance.AllOthers))
            {
                if (!perAttack.TryGetValue(attack.Label, out var acc)) { perAttack[attack.Label] = acc = (attack, [], [], []); order.Add(attack.Label); }
                acc.Scores.AddRange(attack.Scores.Scores.Skip(m * n).Take(n));
                acc.Member.AddRange(attack.Scores.IsMember.Skip(m * n).Take(n));
                if (attack.FittedA is { } a) acc.FittedA.Add(a[m]);
            }
        }
        return order.Select(a => perAttack[a].First with
        {
            Scores = new MembershipScores(perAttack[a].Scores.ToArray(), perAttack[a].Member.ToArray()),
            FittedA = perAttack[a].FittedA.Count > 0 ? perAttack[a].FittedA.ToArray() : null,
        }).ToList();
    }
}
