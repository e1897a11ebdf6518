using System.Text.Json.Serialization;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// DP-SGD (Abadi et al. 2016, Algorithm 1) as <c>training:dp</c>: each example's gradient clipped to
/// <see cref="ClipNorm"/> C, N(0, σ²C²) added to the clipped sum, divided by the expected batch size. Absent (null in
/// <see cref="TrainingSpec.Dp"/>) = no DP, and the job key is the one it always was. <see cref="Sampling"/>:
/// "poisson" (each example in each step with probability q = batchSize / N; what the RDP/PLD accountants assume) or
/// "shuffle" (fixed batches of a permutation; the recorded ε is then the Poisson one and labelled as not matching).
/// <see cref="Fault"/> plants a known bug so an audit can be shown to catch it; it is part of the key and of every
/// recorded ε (<see cref="PrivacySpent.Fault"/>), so a faulty run can never pass for a correct one.
/// </summary>
public sealed class DpSgdSpec
{
    public static readonly string[] Samplings = ["poisson", "shuffle"];
    public static readonly string[] Faults = ["none", "noise-divided-by-batch", "no-noise", "no-clipping", "wrong-sampling-rate"];

    /// <summary>σ: the noise's standard deviation in units of C. 0 = no noise (and no privacy: ε = ∞).</summary>
    public double NoiseMultiplier { get; set; }

    /// <summary>C: the bound on each example's whole gradient (all parameters together). ∞ (only from code) = no clipping.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double ClipNorm { get; set; } = 1.0;

    public string Sampling { get; set; } = "poisson";
    public double Delta { get; set; } = 1e-5;
    public string Fault { get; set; } = "none";

    [JsonIgnore] public bool IsFaulty => Fault != "none";

    public void Validate()
    {
        if (!(NoiseMultiplier >= 0) || double.IsInfinity(NoiseMultiplier))
            throw new ArgumentException($"training:dp:noiseMultiplier must be finite and ≥ 0, not {NoiseMultiplier}.");
        if (!(ClipNorm > 0))
            throw new ArgumentException($"training:dp:clipNorm must be > 0, not {ClipNorm}.");
        if (double.IsPositiveInfinity(ClipNorm) && NoiseMultiplier > 0)
            throw new ArgumentException($"training:dp:clipNorm must be finite when training:dp:noiseMultiplier > 0 (the noise is σ·C), not {ClipNorm}.");
        if (!Samplings.Contains(Sampling))
            throw new ArgumentException($"training:dp:sampling '{Sampling}' is unknown: use {Quoted(Samplings)}.");
        if (!(Delta > 0 && Delta < 1))
            throw new ArgumentException($"training:dp:delta must be in (0, 1), not {Delta}.");
        if (!Faults.Contains(Fault))
            throw new ArgumentException($"training:dp:fault '{Fault}' is unknown: use {Quoted(Faults)}.");
    }

    static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));

    public override string ToString() =>
        $"DP-SGD σ={NoiseMultiplier:G} C={ClipNorm:G} {Sampling} δ={Delta:G}" + (IsFaulty ? $" FAULT {Fault}" : "");
}
