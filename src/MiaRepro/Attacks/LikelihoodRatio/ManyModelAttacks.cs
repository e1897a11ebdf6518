using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Every attack on one <see cref="ScoreSet"/>, leave-one-model-out on the same (target, example) pairs and with the
/// same references a side for every example (<see cref="ReferenceSides"/>), so their ROC
/// curves share one plot: LiRA online and offline × per-example and global variance, RMIA online, RMIA offline at the
/// options' fixed a and with a fitted per target (<see cref="RmiaOfflineA"/>), the global loss, φ, p_y and max-probability
/// thresholds, and the correct classification rule.
/// φ and log p_y are computed once and shared.
/// </summary>
public static class ManyModelAttacks
{
    /// <summary>Whether the offline attacks run with k references: they take k OUT models per example, which the set
    /// must hold for every target (with balanced masks k ≤ M/2 − 1, where online takes up to M − 2).</summary>
    public static bool OfflineSupports(ScoreSet set, int? referenceModels) =>
        referenceModels is not { } k || k <= ReferenceSides.Largest(set, online: false);

    /// <summary>Runs them all (the offline ones where <see cref="OfflineSupports"/>); every example must be IN for some
    /// models and OUT for others (<see cref="ScoreSet.RequireInAndOut"/>).</summary>
    /// <param name="balance">Without <paramref name="referenceModels"/>: the same count a side for every example (the
    /// default, for leave-one-model-out), or every other model (<see cref="SeparateTargets"/>, whose references do not
    /// depend on the target's membership).</param>
    public static IReadOnlyList<AttackScores> Run(ScoreSet set, int? referenceModels = null, RmiaOptions? rmia = null, ReferenceBalance balance = ReferenceBalance.Balanced)
    {
        set.RequireInAndOut();
        // Everything scoring needs, before any work: LiRA's 2 references a side (RMIA needs 1), online and, where run, offline.
        ReferenceSides.Require(set, online: true, referenceModels, balance, ReferenceGaussians.MinimumPerSide);
        var offline = OfflineSupports(set, referenceModels);
        if (offline) ReferenceSides.Require(set, online: false, referenceModels, balance, ReferenceGaussians.MinimumPerSide);
        rmia = (rmia ?? new()) with { ReferenceModels = referenceModels, Balance = balance };
        var phi = QueryValues.LogitScaled(set);
        var loss = QueryValues.Loss(set);
        var logP = new QueryValues(loss.Models, loss.Examples, loss.Augmentations, loss.Data.Select(l => -l).ToArray());
        var results = new List<AttackScores>();
        foreach (var variance in new[] { LiraVariance.PerExample, LiraVariance.Global })
        {
            var options = new LiraOptions(variance, referenceModels, balance);
            results.Add(new(Lira.OnlineName, Lira.Online(set, phi, options)) { Variance = variance });
            if (offline) results.Add(new(Lira.OfflineName, Lira.Offline(set, phi, options)) { Variance = variance });
        }
        if (set.PhiOnly)
        {
            // Only φ is known: RMIA, the loss and confidence thresholds and CCR read probabilities the set does not hold.
            results.Add(new(ThresholdAttack.NameOf(SignalRegistry.LogitScaled), GlobalThreshold.Run(set, SignalRegistry.LogitScaled, phi)));
            return results;
        }
        results.Add(new(Rmia.OnlineName, Rmia.Online(set, logP, rmia)));
        if (offline)
        {
            results.Add(new(Rmia.OfflineName, Rmia.Offline(set, logP, rmia)) { A = rmia.OfflineA });
            var (fitted, a) = RmiaOfflineA.Offline(set, logP, rmia);
            results.Add(new(Rmia.OfflineName, fitted) { FittedA = a });
        }
        results.Add(new(ThresholdAttack.NameOf(SignalRegistry.Loss), GlobalThreshold.Run(set, SignalRegistry.Loss, loss)));
        results.Add(new(ThresholdAttack.NameOf(SignalRegistry.LogitScaled), GlobalThreshold.Run(set, SignalRegistry.LogitScaled, phi)));
        foreach (var signal in new[] { SignalRegistry.Confidence, SignalRegistry.MaxConfidence })
            results.Add(new(ThresholdAttack.NameOf(signal), GlobalThreshold.Run(set, signal)));
        results.Add(new(CorrectClassificationRule.Name, GlobalThreshold.CorrectClassification(set)));
        return results;
    }

    /// <summary>LiRA online (global σ) with k = 4, 8, 16, … references per example and the largest k the set allows:
    /// the paper's TPR against the number of shadow models. Empty when the set allows fewer than two such k.</summary>
    public static IReadOnlyList<(int K, MembershipScores Scores)> LiraOnlineByReferences(ScoreSet set)
    {
        var (largest, ladder) = (ReferenceSides.Largest(set, online: true), new List<int>());
        for (var k = 2 * ReferenceGaussians.MinimumPerSide; k < largest; k *= 2) ladder.Add(k);
        if (largest >= 2 * ReferenceGaussians.MinimumPerSide) ladder.Add(largest);
        if (ladder.Count < 2) return [];
        var phi = QueryValues.LogitScaled(set);
        return ladder.Select(k => (k, Lira.Online(set, phi, new LiraOptions(LiraVariance.Global, k)))).ToList();
    }
}
