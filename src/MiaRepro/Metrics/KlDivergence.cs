using MiaRepro.Density;

namespace MiaRepro.Metrics;

/// <summary>
/// Kullback–Leibler divergence KL(P‖Q) = Σ P log(P/Q) between two samples, estimated through their Gaussian KDEs on
/// a grid.
/// </summary>
/// <remarks>
/// The estimator: fit a <see cref="GaussianKde"/> to each sample; lay a uniform grid of <c>gridPoints</c> points from
/// the smaller minimum to the larger maximum of the two samples, padded on each side by 3 bandwidths of the wider
/// KDE; turn each KDE's grid densities into probability masses (normalised to sum 1); return Σ_i P_i (log P_i −
/// log Q_i). Everything is in log space, so Q never underflows to 0 and the value is finite. As the grid gets finer
/// this tends to the continuous KL of the two KDEs. Bîndilă et al.'s kl_divergence.py offers the same discrete form
/// on given distributions but (a) adds 1e-32 where a value is 0, (b) shifts negative values up, and (c) divides the
/// sum by the number of points, which makes the value depend on the grid size; none of that is done here. Their
/// other form, the closed form for two Gaussians, is <see cref="BetweenGaussians"/>.
/// </remarks>
public static class KlDivergence
{
    public const int DefaultGridPoints = 1024;
    const double PadBandwidths = 3;

    public static double BetweenSamples(IEnumerable<double> p, IEnumerable<double> q, int gridPoints = DefaultGridPoints, BandwidthRule rule = BandwidthRule.Scott)
    {
        if (gridPoints < 2)
            throw new ArgumentException($"A KL grid of {gridPoints} point(s) is too coarse: use at least 2 (default {DefaultGridPoints}).");
        var kp = new GaussianKde(p, rule, "values of the first sample (P)");
        var kq = new GaussianKde(q, rule, "values of the second sample (Q)");
        var pad = PadBandwidths * Math.Max(kp.Bandwidth, kq.Bandwidth);
        var lo = Math.Min(kp.Minimum, kq.Minimum) - pad;
        var hi = Math.Max(kp.Maximum, kq.Maximum) + pad;

        var logP = new double[gridPoints];
        var logQ = new double[gridPoints];
        var step = (hi - lo) / (gridPoints - 1);
        for (int i = 0; i < gridPoints; i++)
        {
            var x = i == gridPoints - 1 ? hi : lo + i * step;
            logP[i] = kp.LogDensity(x);
            logQ[i] = kq.LogDensity(x);
        }
        double normP = LogSumExp(logP), normQ = LogSumExp(logQ);
        double kl = 0;
        for (int i = 0; i < gridPoints; i++)
        {
            double lp = logP[i] - normP, lq = logQ[i] - normQ;
            kl += Math.Exp(lp) * (lp - lq);
        }
        return kl;
    }

    /// <summary>KL(N(μp, σp²) ‖ N(μq, σq²)) = log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − 1/2.</summary>
    public static double BetweenGaussians(double muP, double sigmaP, double muQ, double sigmaQ)
    {
        if (!(sigmaP > 0) || !(sigmaQ > 0))
            throw new ArgumentException($"Standard deviations must be > 0 (got σp = {sigmaP}, σq = {sigmaQ}): the KL divergence of a point mass is not finite.");
        return Math.Log(sigmaQ / sigmaP) + (sigmaP * sigmaP + (muP - muQ) * (muP - muQ)) / (2 * sigmaQ * sigmaQ) - 0.5;
    }

    static double LogSumExp(double[] v)
    {
        var max = v.Max();
        return max + Math.Log(v.Sum(x => Math.Exp(x - max)));
    }
}
