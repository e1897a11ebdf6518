using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Plots;

namespace MiaRepro.Experiments;

/// <summary>What one claim run produced: the outcome, the targets' accuracy rows, the attack's rows (kde-leak), the
/// figures, where they were written, and the machine-independent digest its snapshot pins (<see cref="ClaimDigest"/>).</summary>
public sealed record ClaimResult(ExperimentSpec Spec, ClaimOutcome Outcome, IReadOnlyList<SweepRow> Rows, IReadOnlyList<KdeLeakRow> AttackRows,
    IReadOnlyList<Figure> Figures, string Directory, IReadOnlyList<string> Plots, RunInfo Run, object Digest);
