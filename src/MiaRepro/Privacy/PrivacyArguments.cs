namespace MiaRepro.Privacy;

/// <summary>The checks every accountant entry point makes: a bad argument is an <see cref="ArgumentOutOfRangeException"/>
/// (an <see cref="ArgumentException"/>) that names the parameter, the allowed range and the value given.</summary>
internal static class PrivacyArguments
{
    public static void NoiseMultiplier(double sigma, string name = "noiseMultiplier")
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(name, sigma, $"{name} (σ) must be finite and > 0, got {sigma}.");
    }

    public static void SamplingRate(double q, string name = "samplingRate")
    {
        if (!(q >= 0 && q <= 1))
            throw new ArgumentOutOfRangeException(name, q, $"{name} (q) must be in [0, 1], got {q}.");
    }

    public static void Steps(int steps, string name = "steps")
    {
        if (steps < 1)
            throw new ArgumentOutOfRangeException(name, steps, $"{name} must be ≥ 1, got {steps}.");
    }

    public static void Delta(double delta, string name = "delta")
    {
        if (!(delta > 0 && delta < 1))
            throw new ArgumentOutOfRangeException(name, delta, $"{name} (δ) must be in (0, 1), got {delta}.");
    }

    public static void Order(double order, string name = "order")
    {
        if (!(order > 1) || double.IsInfinity(order))
            throw new ArgumentOutOfRangeException(name, order, $"{name} (Rényi order α) must be finite and > 1, got {order}.");
    }

    public static void Epsilon(double epsilon, string name = "epsilon")
    {
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(name, epsilon, $"{name} (ε) must be finite and ≥ 0, got {epsilon}.");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0, got {value}.");
    }

    /// <summary>δ of an audit's null hypothesis: 0 (pure ε-DP) is allowed, unlike an accountant's δ.</summary>
    public static void AuditDelta(double delta, string name = "delta")
    {
        if (!(delta >= 0 && delta < 1))
            throw new ArgumentOutOfRangeException(name, delta, $"{name} (δ) must be in [0, 1), got {delta}.");
    }

    /// <summary>β = 1 − confidence of a test.</summary>
    public static void Beta(double beta, string name = "beta")
    {
        if (!(beta > 0 && beta < 1))
            throw new ArgumentOutOfRangeException(name, beta, $"{name} (β = 1 − confidence) must be in (0, 1), got {beta}.");
    }
}
