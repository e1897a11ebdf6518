namespace MiaRepro.Checks;

/// <summary>A statement known not to hold here: what was measured (<see cref="Measured"/>, the quantity the check
/// judges) at <see cref="Profile"/>, and why. There the line reads "deviates" while the measurement stays within
/// <see cref="Band"/> of it — a regression pin, never counted as reproduced — and "fails" once it moves. A run at another
/// profile (a scale-down) is judged on its own: the paper run's reason does not excuse it.</summary>
public sealed class CheckDeviation
{
    public double Measured { get; set; }
    public double Band { get; set; }
    public string Profile { get; set; } = "paper";
    public string Reason { get; set; } = "";
}
