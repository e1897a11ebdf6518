using MathNet.Numerics.Distributions;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// LiRA online for a many-run audit's one canary (Carlini et al. 2022 applied as Tramèr's lecture §4.1 asks: "score each
/// run with the best attack"): the canary's signal in every run, IN runs and OUT runs each fitted by a Gaussian (mean,
/// population σ as <see cref="ReferenceGaussians"/>) on the first <c>fitRuns</c> runs only — the half that also chooses
/// the audit's threshold (<see cref="Metrics.ManyRunAudit"/>), so the half the bound reads stays unseen — and each run
/// scored by log N(φ; μ_in, σ_in) − log N(φ; μ_out, σ_out) (higher = the canary was in).
/// </summary>
public static class ManyRunLira
{
    /// <summary>The attack's name in rows: LiRA online (both sides fitted).</summary>
    public const string Name = Lira.OnlineName;

    public static double[] Scores(IReadOnlyList<double> phi, IReadOnlyList<bool> included, int fitRuns)
    {
        if (phi.Count != included.Count) throw new ArgumentException($"{phi.Count} values for {included.Count} runs: one value per run.", nameof(included));
        Normal Fit(bool side)
        {
            var values = Enumerable.Range(0, fitRuns).Where(r => included[r] == side).Select(r => phi[r]).ToArray();
            if (values.Length < ReferenceGaussians.MinimumPerSide)
                throw new ArgumentException($"LiRA fits the canary's {(side ? "IN" : "OUT")} runs among the first {fitRuns}, which hold {values.Length}: it needs at least " +
                                            $"{ReferenceGaussians.MinimumPerSide} a side (use at least 8 runs, alternating in and out).", nameof(included));
            var mean = values.Average();
            return new Normal(mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))) + ReferenceGaussians.StdEpsilon);
        }
        var (inRuns, outRuns) = (Fit(true), Fit(false));
        return [.. phi.Select(v => inRuns.DensityLn(v) - outRuns.DensityLn(v))];
    }

    /// <summary>φ = log(p / (1 − p)) of the canary's label from its cross-entropy ℓ = −log p, computed stably; a loss of
    /// exactly 0 (p rounded to 1) is read as 1e-300, so φ stays finite (≈ 690).</summary>
    public static double LogitScaledFromLoss(double loss)
    {
        var l = Math.Max(loss, 1e-300);
        return -l - Math.Log(-MathNet.Numerics.SpecialFunctions.Expm1(-l));
    }
}
