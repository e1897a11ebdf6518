namespace MiaRepro.Attacks;

/// <summary>
/// The auditor's scores of Dirac gradient canaries (higher = more likely included). <see cref="EveryStep"/>: the
/// auditor sees each step's noisy sum xₜ at the canary's coordinate and sums the log-likelihood ratio of "included"
/// (joins with probability q, adding c) against "excluded" under the claimed noise N(0, s²), s = σC:
/// Σₜ log(1 − q + q·exp((2xₜc − c²) / 2s²)) — the Neyman–Pearson test of the mechanism as claimed (Nasr et al. 2021's
/// white-box adversary). With s = 0 (no noise claimed) the ratio is undefined and the score is Σₜ xₜ.
/// <see cref="FinalModel"/>: the auditor sees only the last weights, θ₀ − θ_T at the coordinate (plain SGD moves it by
/// lr/L·Σₜ xₜ; the canary's gradient pushes it down).
/// </summary>
public static class GradientCanaryAttack
{
    public const string Name = "gradient-canary";

    /// <summary>What the auditor sees: every step's noisy gradient (white box, the analysis's adversary), or the last weights.</summary>
    public const string SeesEveryStep = "every-step";
    public const string SeesFinalModel = "final-model";
    public static readonly string[] Observations = [SeesEveryStep, SeesFinalModel];

    /// <param name="observed">Per step, the noisy sum at each canary's coordinate.</param>
    public static double[] EveryStep(IReadOnlyList<double[]> observed, double rate, double clippedNorm, double noiseStd)
    {
        if (observed.Count == 0) throw new ArgumentException("No step was observed: the run trained no step.", nameof(observed));
        if (!(rate > 0 && rate <= 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "q must be in (0, 1].");
        var m = observed[0].Length;
        var scores = new double[m];
        var logOut = Math.Log(1 - rate);   // −∞ at q = 1: then log(q·e^a) alone
        var logIn = Math.Log(rate);
        foreach (var step in observed)
        {
            if (step.Length != m) throw new ArgumentException($"Every step must observe {m} canaries; one observed {step.Length}.", nameof(observed));
            for (var c = 0; c < m; c++)
            {
                var x = step[c];
                if (!double.IsFinite(x)) throw new ArgumentException($"Canary {c}'s observation is {x}: the run diverged.", nameof(observed));
                scores[c] += noiseStd > 0
                    ? LogAddExp(logOut, logIn + (2 * x * clippedNorm - clippedNorm * clippedNorm) / (2 * noiseStd * noiseStd))
                    : x;
            }
        }
        return scores;
    }

    /// <summary>θ₀ − θ_T at each canary's coordinate.</summary>
    public static double[] FinalModel(IReadOnlyList<double> initial, IReadOnlyList<double> final)
    {
        if (initial.Count != final.Count) throw new ArgumentException($"initial has {initial.Count} coordinates, final {final.Count}.", nameof(final));
        return initial.Select((w, c) => w - final[c]).ToArray();
    }

    static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
