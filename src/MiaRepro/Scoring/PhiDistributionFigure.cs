using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Plots;

namespace MiaRepro.Scoring;

/// <summary>The paper's figure of per-example distributions, shared by the lira kind and `miarepro score`.</summary>
public static class PhiDistributionFigure
{
    /// <summary>
    /// One example's φ under the models that trained on it (IN) and those that did not (OUT), each model a point, with
    /// the Gaussians LiRA fits (per-example means, global σ) as curves over ±4σ around both means, and further right by
    /// half that span, where the legend (drawn lower right) then covers no point. Points sit at density 0 (OUT) and at
    /// 5 % of the highest density (IN), so that they do not hide each other.
    /// </summary>
    public static Figure Of(ExampleDistribution d, string dataset)
    {
        var lo = Math.Min(Math.Min(d.MeanIn - 4 * d.StdIn, d.MeanOut - 4 * d.StdOut), d.PhiIn.Concat(d.PhiOut).Min());
        var hi = Math.Max(Math.Max(d.MeanIn + 4 * d.StdIn, d.MeanOut + 4 * d.StdOut), d.PhiIn.Concat(d.PhiOut).Max());
        hi += 0.5 * (hi - lo);
        var xs = Enumerable.Range(0, 200).Select(i => lo + (hi - lo) * i / 199).ToArray();
        double Density(double x, double mean, double std) => Math.Exp(-0.5 * Math.Pow((x - mean) / std, 2)) / (std * Math.Sqrt(2 * Math.PI));
        var inCurve = xs.Select(x => Density(x, d.MeanIn, d.StdIn)).ToArray();
        var outCurve = xs.Select(x => Density(x, d.MeanOut, d.StdOut)).ToArray();
        var lift = 0.05 * Math.Max(inCurve.Max(), outCurve.Max());
        return new($"{d.Label}: pool {d.Example} ({dataset} #{d.DatasetIndex}), mean LiRA score {d.MeanMemberScore:F1}",
            "φ = log p_y − log Σ_{j≠y} p_j (plain image)", "density (points: one per model)",
            [
                new($"IN fit N({d.MeanIn:F2}, {d.StdIn:F2}²)", xs, inCurve),
                new($"OUT fit N({d.MeanOut:F2}, {d.StdOut:F2}²)", xs, outCurve),
                new($"IN models ({d.PhiIn.Length}; {d.Detections} detect it at {100 * d.DetectionFpr:G}% FPR)", d.PhiIn, d.PhiIn.Select(_ => lift).ToArray()) { MarkersOnly = true },
                new($"OUT models ({d.PhiOut.Length})", d.PhiOut, new double[d.PhiOut.Length]) { MarkersOnly = true },
            ]);
    }
}
