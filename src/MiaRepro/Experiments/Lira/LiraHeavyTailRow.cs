using System.Text.Json.Serialization;
using MiaRepro.Attacks.LikelihoodRatio;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// One attack's per-example detection at one FPR on one set (metrics.json's liraHeavyTail; <see cref="HeavyTail"/>), its
/// plain name and <see cref="Variance"/> as in <see cref="LiraAttackRow"/>:
/// <see cref="Keep"/> "true" or "shuffled" as in <see cref="LiraAttackRow"/>; each target's threshold and true positives,
/// how many examples are detected by 0, 1, … of the targets that trained on them, and the two concentration statistics
/// beside their random-spread null. Shares in %; a threshold of −∞ (every non-member may be called a member) is null.
/// </summary>
public sealed record LiraHeavyTailRow(int Seed, string Attack, string Keep, double TargetFpr, int TruePositives, int MemberPairs, int TopExamples,
    Concentration Top, Concentration HalfDetected, int NullDraws, int[] DetectionHistogram, double?[] Thresholds, int[] TruePositivesPerTarget)
{
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public LiraVariance? Variance { get; init; }

    public static LiraHeavyTailRow Of(int seed, AttackScores attack, string keep, PerExampleDetection detection, HeavyTail tail) =>
        new(seed, attack.Attack, keep, tail.TargetFpr, tail.TruePositives, tail.MemberPairs, tail.TopExamples, tail.Top, tail.HalfDetected, tail.NullDraws,
            tail.DetectionHistogram, detection.Thresholds.Select(t => double.IsFinite(t) ? t : (double?)null).ToArray(), detection.TruePositives)
        { Variance = attack.Variance };
}
