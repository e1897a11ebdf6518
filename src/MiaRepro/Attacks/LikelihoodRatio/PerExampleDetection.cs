using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Which (target, example) pairs an attack's leave-one-model-out scores detect at a false positive rate, seen per
/// example: each target model gets its own threshold, set on its own non-members (at most ⌊FPR · non-members⌋ of them
/// score above it, the ROC convention "member iff score ≥ threshold" at the highest TPR with FPR ≤ the target), and each
/// pool example counts the targets that trained on it whose threshold it passes. The input is
/// <see cref="LeaveOneModelOut.Run"/>'s target-major M·N scores.
/// </summary>
public sealed class PerExampleDetection
{
    public int Models { get; }
    public int Examples { get; }
    public double TargetFpr { get; }

    /// <summary>Per target: the (k + 1)-th highest non-member score, k = ⌊FPR · non-members⌋; a pair is detected when its
    /// score is above it (−∞ when every non-member may be called a member).</summary>
    public double[] Thresholds { get; }

    /// <summary>Per target: its members detected (true positives).</summary>
    public int[] TruePositives { get; }

    /// <summary>Per target: its non-members above the threshold (false positives, ≤ k).</summary>
    public int[] FalsePositives { get; }

    /// <summary>Per example: the targets that trained on it and detect it.</summary>
    public int[] Detections { get; }

    /// <summary>Per example: the targets that trained on it (M/2 with a balanced keep mask).</summary>
    public int[] InTargets { get; }

    /// <summary>keep[target, example] as the scores carry it, target-major.</summary>
    public bool[] IsMember { get; }

    PerExampleDetection(int models, int examples, double fpr, double[] thresholds, int[] tps, int[] fps, int[] detections, int[] inTargets, bool[] isMember) =>
        (Models, Examples, TargetFpr, Thresholds, TruePositives, FalsePositives, Detections, InTargets, IsMember) =
        (models, examples, fpr, thresholds, tps, fps, detections, inTargets, isMember);

    /// <summary>Every true positive, all targets together.</summary>
    public int TotalTruePositives => TruePositives.Sum();

    /// <summary>Every (target, member) pair.</summary>
    public int MemberPairs => InTargets.Sum();

    public static PerExampleDetection From(MembershipScores scores, int models, int examples, double fpr)
    {
        if (!(fpr >= 0 && fpr <= 1)) throw new ArgumentOutOfRangeException(nameof(fpr), fpr, "A false positive rate is in [0, 1].");
        if (scores.Scores.Length != (long)models * examples)
            throw new ArgumentException($"{scores.Scores.Length} scores are not leave-one-model-out scores of {models} models × {examples} examples.");
        var thresholds = new double[models];
        var (tps, fps) = (new int[models], new int[models]);
        var detections = new int[examples];
        var inTargets = new int[examples];
        for (var t = 0; t < models; t++)
        {
            var offset = t * examples;
            var outs = new List<double>(examples);
            for (var n = 0; n < examples; n++)
                if (!scores.IsMember[offset + n]) outs.Add(scores.Scores[offset + n]);
            if (outs.Count == 0)
                throw new ArgumentException($"Target model {t} has no non-members among the {examples} examples: its threshold at {fpr:P2} FPR cannot be set.");
            outs.Sort((a, b) => b.CompareTo(a));
            // k non-members may score above the threshold; +1e-9 keeps 0.001 · 1000 at 1 when the product rounds below it.
            var allowed = (int)Math.Floor(fpr * outs.Count + 1e-9);
            thresholds[t] = allowed >= outs.Count ? double.NegativeInfinity : outs[allowed];
            for (var n = 0; n < examples; n++)
            {
                var above = scores.Scores[offset + n] > thresholds[t];
                if (scores.IsMember[offset + n])
                {
                    inTargets[n]++;
                    if (above) { tps[t]++; detections[n]++; }
                }
                else if (above) fps[t]++;
            }
        }
        return new(models, examples, fpr, thresholds, tps, fps, detections, inTargets, scores.IsMember);
    }
}
