namespace MiaRepro.Privacy;

/// <summary>
/// The inverse question: the smallest noise multiplier σ at which DP-SGD with sampling rate q and the given number of
/// steps is (ε, δ)-DP by an accountant. ε falls as σ grows, so the answer is bracketed by doubling or halving σ and
/// then bisected on ln σ; the σ returned is the bracket's upper end, whose ε is at most the target (within
/// <see cref="RelativeTolerance"/> of the smallest such σ).
/// </summary>
public static class NoiseCalibration
{
    public const double RelativeTolerance = 1e-6;

    /// <summary>The PLD costs ≈ 0.4 s a call (the golden, h = 1e-4): σ to 1e-4 (ε moves by ≈ 1e-4·ε), and σ ≥ 0.3
    /// (below it one step's loss grid alone has millions of points at h = 1e-4).</summary>
    public const double PldRelativeTolerance = 1e-4, MinPldNoiseMultiplier = 0.3;

    /// <summary>The σ searched (RDP): calibrating to an ε that needs σ outside it is reported as an error.</summary>
    public const double MinNoiseMultiplier = 0.05, MaxNoiseMultiplier = 1e4;

    /// <summary>σ by the RDP accountant (Opacus's orders unless given), as Opacus's get_noise_multiplier (to a finer tolerance).</summary>
    public static double Rdp(double epsilon, double samplingRate, int steps, double delta, IReadOnlyList<double>? orders = null, double tolerance = RelativeTolerance)
    {
        Validate(epsilon, samplingRate, steps, delta);
        var accountant = new RdpAccountant(orders); // checks the orders once
        return Bisect(sigma => new RdpAccountant(accountant.Orders).Compose(sigma, samplingRate, steps).Epsilon(delta).Epsilon,
            epsilon, MinNoiseMultiplier, 1.0, "RDP", tolerance);
    }

    /// <summary>σ by the PLD accountant: the bracket starts at the RDP σ, which the tighter PLD never needs more than.</summary>
    public static double Pld(double epsilon, double samplingRate, int steps, double delta, double interval = PldAccountant.DefaultInterval)
    {
        Validate(epsilon, samplingRate, steps, delta);
        PrivacyArguments.Positive(interval, nameof(interval));
        double start;
        try { start = Rdp(epsilon, samplingRate, steps, delta); }
        catch (ArgumentOutOfRangeException) { start = 1; } // outside RDP's reach (its floor): the PLD brackets from 1
        return Bisect(sigma => new PldAccountant(interval).Compose(sigma, samplingRate, steps).Epsilon(delta).Epsilon,
            epsilon, MinPldNoiseMultiplier, start, "PLD", PldRelativeTolerance);
    }

    static void Validate(double epsilon, double samplingRate, int steps, double delta)
    {
        PrivacyArguments.Epsilon(epsilon);
        if (epsilon == 0) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon (ε) must be > 0 to calibrate: no finite σ gives ε = 0.");
        PrivacyArguments.SamplingRate(samplingRate);
        if (samplingRate == 0)
            throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, "samplingRate (q) must be in (0, 1] to calibrate: at q = 0 every σ gives ε = 0.");
        PrivacyArguments.Steps(steps);
        PrivacyArguments.Delta(delta);
    }

    static double Bisect(Func<double, double> epsilonAt, double target, double minSigma, double start, string accountant, double tolerance = RelativeTolerance)
    {
        // hi: ε(hi) ≤ target; lo: ε(lo) > target.
        double hi = Math.Clamp(start, minSigma, MaxNoiseMultiplier), lo = hi;
        var epsHi = epsilonAt(hi);
        if (epsHi <= target)
        {
            while (true)
            {
                lo = Math.Max(minSigma, hi / 2);
                var eps = epsilonAt(lo);
                if (eps > target) break;
                if (lo == minSigma)
                    throw new ArgumentOutOfRangeException("epsilon", target,
                        $"epsilon (ε) target {target} is met even at σ = {minSigma} (ε = {eps:G6} by {accountant}); no calibration in [{minSigma}, {MaxNoiseMultiplier}] needed.");
                hi = lo;
            }
        }
        else
        {
            while (epsHi > target)
            {
                if (hi >= MaxNoiseMultiplier)
                    throw new ArgumentOutOfRangeException("epsilon", target,
                        $"epsilon (ε) target {target} is unreachable by {accountant}: even σ = {MaxNoiseMultiplier} gives ε = {epsHi:G6} (the conversion's floor at this δ and these orders).");
                lo = hi;
                hi = Math.Min(MaxNoiseMultiplier, hi * 2);
                epsHi = epsilonAt(hi);
            }
        }
        while (hi / lo > 1 + tolerance)
        {
            var mid = Math.Sqrt(lo * hi);
            if (epsilonAt(mid) > target) lo = mid;
            else hi = mid;
        }
        return hi;
    }
}
