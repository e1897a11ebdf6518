namespace MiaRepro.Checks;

/// <summary>
/// The words a check line reads, and what each means — the one place they are defined:
/// <b>reproduces</b>: within the pre-set band of the paper's number;
/// <b>deviates</b>: outside it (or a statement that does not hold here), with the measured value and the reason recorded —
/// the test stays green while the measurement stays where it was recorded (a regression pin), but it is never counted or
/// printed as reproduced;
/// <b>holds</b> / <b>fails</b>: a qualitative statement (or a control) does / does not hold; a failing line fails the test;
/// <b>inconclusive</b>: this run cannot tell (too few seeds, or the paper's value and its alternative both inside the
/// band; <see cref="VerdictRule"/>);
/// <b>measured</b>: recorded, not judged; <b>not-run</b>: this profile or run did not produce the measurement (the line says why).
/// </summary>
public static class Verdicts
{
    public const string Reproduces = "reproduces";
    public const string Deviates = "deviates";
    public const string Holds = "holds";
    public const string Fails = "fails";
    public const string Inconclusive = "inconclusive";
    public const string Measured = "measured";
    public const string NotRun = "not-run";
}
