using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// One pool example's φ under every model, split by whether the model trained on it, with the Gaussians LiRA fits to
/// them (the paper's figure of per-example IN and OUT distributions): means per example over the models that did (IN)
/// and did not (OUT) train on it, σ the global one pooled over every example and query (<see cref="ReferenceGaussians"/>
/// with all M models as references). φ of the plain image (query 0). <see cref="MeanMemberScore"/> is the example's mean
/// leave-one-model-out LiRA score over the targets that trained on it: how vulnerable it is.
/// </summary>
public sealed record ExampleDistribution(string Label, int Example, long DatasetIndex, double MeanMemberScore, int Detections, int InTargets,
    double DetectionFpr, double[] PhiIn, double[] PhiOut, double MeanIn, double MeanOut, double StdIn, double StdOut)
{
    /// <summary>
    /// The most and the least vulnerable example (highest and lowest <see cref="MeanMemberScore"/>) and a typical one
    /// (the median), ties to the lower pool position. <paramref name="lomo"/> are <paramref name="set"/>'s
    /// leave-one-model-out scores of the attack <paramref name="detection"/> was made from.
    /// </summary>
    public static IReadOnlyList<ExampleDistribution> Choose(ScoreSet set, MembershipScores lomo, PerExampleDetection detection, IReadOnlyList<long> datasetIndices)
    {
        var (m, n) = (set.Models, set.Examples);
        var meanScore = new double[n];
        for (var e = 0; e < n; e++)
        {
            var (sum, count) = (0.0, 0);
            for (var t = 0; t < m; t++)
                if (lomo.IsMember[t * n + e]) (sum, count) = (sum + lomo.Scores[t * n + e], count + 1);
            meanScore[e] = count > 0 ? sum / count : double.NaN;
        }
        var ranked = Enumerable.Range(0, n).Where(e => !double.IsNaN(meanScore[e])).OrderByDescending(e => meanScore[e]).ThenBy(e => e).ToList();
        var ascending = Enumerable.Range(0, n).Where(e => !double.IsNaN(meanScore[e])).OrderBy(e => meanScore[e]).ThenBy(e => e).ToList();
        var phi = QueryValues.LogitScaled(set);
        // Every model's φ (a picture of the distributions, not an attack on a target): all of them, unbalanced.
        var fit = ReferenceGaussians.Fit(set, phi, 0, Enumerable.Range(0, m).ToArray(), LiraVariance.Global, needIn: true, balance: ReferenceBalance.AllOthers);
        ExampleDistribution Of(string label, int e) => new(label, e, datasetIndices[e], meanScore[e], detection.Detections[e], detection.InTargets[e], detection.TargetFpr,
            Enumerable.Range(0, m).Where(k => set.IsIn(k, e)).Select(k => phi[k, e, 0]).ToArray(),
            Enumerable.Range(0, m).Where(k => !set.IsIn(k, e)).Select(k => phi[k, e, 0]).ToArray(),
            fit.MeanIn[e * set.Augmentations], fit.MeanOut[e * set.Augmentations], fit.StdIn[e * set.Augmentations], fit.StdOut[e * set.Augmentations]);
        return [Of("most vulnerable", ranked[0]), Of("typical", ascending[ascending.Count / 2]), Of("least vulnerable", ascending[0])];
    }
}
