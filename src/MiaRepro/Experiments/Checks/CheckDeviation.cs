namespace MiaRepro.Experiments.Checks;

/// <summary>A statement known not to hold here: what was measured (<see cref="Measured"/>, the quantity the check
/// judges), and why. The line reads "deviates" while the measurement stays within <see cref="Band"/> of it — a regression
/// pin, never counted as reproduced — and "fails" once it moves.</summary>
public sealed class CheckDeviation
{
    public double Measured { get; set; }
    public double Band { get; set; }
    public string Reason { get; set; } = "";
}
