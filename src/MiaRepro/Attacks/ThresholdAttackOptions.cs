namespace MiaRepro.Attacks;

/// <summary>
/// How a <see cref="ThresholdAttack"/> chooses its threshold(s) on reference data.
/// </summary>
/// <param name="PerClass">One threshold per true class (Song &amp; Mittal's class-dependent thresholds) instead of one
/// for all; a class with too few reference examples uses the global threshold.</param>
/// <param name="MinClassExamples">A class gets its own threshold only if the reference set holds at least this many
/// shadow members and at least this many shadow non-members of it; below that its balanced accuracy moves in steps of
/// more than 1/(2·this) and the fitted threshold is noise. Default 10.</param>
public sealed record ThresholdAttackOptions(bool PerClass = false, int MinClassExamples = 10);
