using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Plots;

namespace MiaRepro.Experiments;

/// <summary>What one claim run produced: the outcome, the per-row numbers, the figures and where they were written.</summary>
public sealed record ClaimResult(ExperimentSpec Spec, ClaimOutcome Outcome, IReadOnlyList<SweepRow> Rows,
    IReadOnlyList<Figure> Figures, string Directory, IReadOnlyList<string> Plots, RunInfo Run);
