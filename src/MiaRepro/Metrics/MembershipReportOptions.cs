namespace MiaRepro.Metrics;

/// <summary>
/// How a <see cref="MembershipReport"/> is computed: α for every interval (two-sided, confidence 1 − α) and the ε bound,
/// δ for the ε bound, the bootstrap's resamples (0 = no AUC interval) and seed, and the target FPRs for TPR@FPR.
/// </summary>
public sealed record MembershipReportOptions
{
    public double Alpha { get; init; } = 0.05;
    public double Delta { get; init; }
    public int BootstrapResamples { get; init; } = 1000;
    public int Seed { get; init; }

    /// <summary>10%, 1%, 0.1% and 0%: the low-FPR regime Carlini et al. argue an attack should be judged in.</summary>
    public IReadOnlyList<double> TargetFprs { get; init; } = [0.1, 0.01, 0.001, 0];

    /// <summary>0.1% and 1%: the FPRs every experiment's measurements carry TPR at (tpr@0.1%fpr, tpr@1%fpr).</summary>
    public static readonly IReadOnlyList<double> MeasuredFprs = [0.001, 0.01];
}
