using MiaRepro.Checks;
namespace MiaRepro.Experiments;

/// <summary>What one claim run produced: the outcome, where it was written, its plots, the run record, and the
/// machine-independent digest its snapshot pins (<see cref="ClaimDigest"/>).</summary>
public sealed record ClaimResult(ExperimentSpec Spec, ClaimOutcome Outcome, string Directory, IReadOnlyList<string> Plots, RunInfo Run, object Digest);
