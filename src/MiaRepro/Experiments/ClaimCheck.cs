namespace MiaRepro.Experiments;

/// <summary>
/// What a claim's test asserts. <see cref="Kind"/>:
/// <c>gap-at-least</c>: mean train–test gap at λ=0 minus <see cref="Sigmas"/> seed std ≥ <see cref="Threshold"/> (qualitative, smoke);
/// <c>gap-near</c>: |mean gap at λ=0 − paper| ≤ <see cref="Tolerance"/>;
/// <c>gap-decreasing</c>: mean gap falls strictly as λ grows;
/// <c>table</c>: every paper value within <see cref="Tolerance"/> points;
/// <c>kde-drops</c> (kde-leak): per variant and loss, the KDE attack's held-out accuracy (mean over leak % and trials)
/// is above 50 + <see cref="Tolerance"/> at λ=0 and falls by more than <see cref="Threshold"/> points at <see cref="DefendedLambda"/>;
/// <c>kde-defense</c> (kde-leak): at <see cref="DefendedLambda"/> every loss × leak % has held-out accuracy within
/// 50 ± <see cref="Tolerance"/>, and as a negative control the same criterion fails for most settings at λ=0 (the check can fail);
/// <c>assertions</c>: every entry of <see cref="Assertions"/> (shadow-attack), <see cref="KdeAssertions"/> (kde-leak) or
/// <see cref="DefenseAssertions"/> (defense-matrix) holds;
/// <c>none</c>: this profile records the measurement but asserts nothing (the reason in <see cref="Why"/>).
/// A variant the paper does not reproduce under is listed in <see cref="Deviations"/> with its measured value; its test
/// then asserts that measurement's stability (± <see cref="StabilityTolerance"/>) instead.
/// </summary>
public sealed class ClaimCheck
{
    public string Kind { get; set; } = "none";
    public double Threshold { get; set; }
    public double Sigmas { get; set; } = 2;
    public double Tolerance { get; set; }
    public double StabilityTolerance { get; set; }
    /// <summary>kde-leak: the λ of the defended target.</summary>
    public double DefendedLambda { get; set; }
    /// <summary>Why these numbers (seed variance measured, paper precision…).</summary>
    public string Why { get; set; } = "";
    public List<Deviation> Deviations { get; set; } = new();
    /// <summary>shadow-attack: what the claim asserts, line by line.</summary>
    public List<ShadowAttack.AttackAssertion> Assertions { get; set; } = new();
    /// <summary>kde-leak: what the claim asserts, line by line.</summary>
    public List<KdeLeak.KdeAssertion> KdeAssertions { get; set; } = new();
    /// <summary>defense-matrix: what the claim asserts, line by line.</summary>
    public List<DefenseMatrix.DefenseAssertion> DefenseAssertions { get; set; } = new();
}

/// <summary>A recorded non-reproduction: under <see cref="Variant"/>, <see cref="Row"/>/<see cref="Metric"/> measured <see cref="Measured"/>.</summary>
public sealed class Deviation
{
    public string Variant { get; set; } = "";
    public string Row { get; set; } = "";
    public string Metric { get; set; } = "";
    public double Measured { get; set; }
    public string Reason { get; set; } = "";
}
