using System.Text.Json.Serialization;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// The privacy spent after an epoch, by the RDP accountant (<see cref="Privacy.RdpAccountant"/>) over all steps so far:
/// ε at <see cref="Delta"/> for noise σ, the sampling rate q the accountant was fed, and the steps. ∞ when σ = 0.
/// <see cref="MatchesSampler"/> is false for shuffled batches (the accountant assumes Poisson sampling) and
/// <see cref="Fault"/> names a planted bug ("none" otherwise): either makes ε a label, not a guarantee.
/// </summary>
public sealed record PrivacySpent(
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Epsilon,
    double Delta, double NoiseMultiplier, double SamplingRate, long Steps, string Sampling, bool MatchesSampler, string Fault);
