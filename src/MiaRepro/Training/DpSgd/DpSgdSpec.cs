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
/// <see cref="Epsilon"/> instead of <see cref="NoiseMultiplier"/>: σ calibrated when training starts, when the members'
/// count and so q and the steps are known (<see cref="Calibrated"/>); the key holds the target, which fixes σ.
/// </summary>
public sealed class DpSgdSpec
{
    public static readonly string[] Samplings = ["poisson", "shuffle"];
    public static readonly string[] Faults = ["none", "noise-divided-by-batch", "no-noise", "no-clipping", "wrong-sampling-rate"];

    /// <summary>σ: the noise's standard deviation in units of C. 0 = no noise (and no privacy: ε = ∞).</summary>
    public double NoiseMultiplier { get; set; }

    /// <summary>A target ε at <see cref="Delta"/>: σ is the smallest the RDP accountant finds (ε,δ)-DP for this run's q and
    /// steps (<see cref="Privacy.NoiseCalibration.Rdp"/>). Null: σ as given. Left out of keys and hashes when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Epsilon { get; set; }

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
        if (Epsilon is { } epsilon && (!(epsilon > 0) || double.IsInfinity(epsilon)))
            throw new ArgumentException($"training:dp:epsilon must be finite and > 0, not {epsilon} (for no noise leave it out and set training:dp:noiseMultiplier 0).");
        if (Epsilon is not null && NoiseMultiplier != 0)
            throw new ArgumentException($"training:dp has both epsilon ({Epsilon}) and noiseMultiplier ({NoiseMultiplier}): give one — σ is calibrated from ε when epsilon is set.");
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

    /// <summary>This spec with σ for <see cref="Epsilon"/> at accountant rate <paramref name="q"/> over
    /// <paramref name="steps"/> (itself when σ is given). σ is calibrated at q rounded up to 3 significant digits: ε grows
    /// with q, so the run's ε is at most the target, and members whose q differ in the 4th digit (balanced halves are not
    /// all the same size) share one calibration. The wrong-sampling-rate fault feeds the calibration the wrong q too, as it
    /// feeds the accountant: too little noise for the claimed ε, which is the bug.</summary>
    public DpSgdSpec Calibrated(double q, int steps) => Epsilon is not { } epsilon ? this : new()
    {
        NoiseMultiplier = Calibrations.GetOrAdd((epsilon, RoundUp(q), steps, Delta), k => Privacy.NoiseCalibration.Rdp(k.Epsilon, k.Q, k.Steps, k.Delta, tolerance: CalibrationTolerance)),
        ClipNorm = ClipNorm, Sampling = Sampling, Delta = Delta, Fault = Fault,
    };

    /// <summary>σ to 1e-4 relative (ε moves by ≈ 1e-4·ε; Opacus stops at 0.01 in ε).</summary>
    public const double CalibrationTolerance = 1e-4;

    /// <summary>q rounded up to 3 significant digits (at most 1).</summary>
    public static double RoundUp(double q)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(q)) - 2);
        return Math.Min(1, Math.Round(Math.Ceiling(Math.Round(q / unit, 9)) * unit, 12));
    }

    // One bisection takes seconds at small σ.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Epsilon, double Q, int Steps, double Delta), double> Calibrations = new();

    static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));

    public override string ToString() =>
        $"DP-SGD {(Epsilon is { } e ? $"ε={e:G}" : $"σ={NoiseMultiplier:G}")} C={ClipNorm:G} {Sampling} δ={Delta:G}" + (IsFaulty ? $" FAULT {Fault}" : "");
}
