namespace MiaRepro.Checks;

/// <summary>A statement known not to hold here: what was measured (<see cref="Measured"/>, the quantity the check
/// judges) at <see cref="Profile"/>, and why. There a line that does not hold reads "deviates" — never counted as
/// reproduced — and says when the value has moved beyond the line's band from the record (the regression snapshots pin
/// the numbers). The record holds no band of its own (<see cref="Band"/> is kept only to reject it). A run at another
/// profile (a scale-down) is judged on its own: the paper run's reason does not excuse it.</summary>
public sealed class CheckDeviation
{
    public double Measured { get; set; }
    public double Band { get; set; }
    public string Profile { get; set; } = "paper";
    public string Reason { get; set; } = "";
    /// <summary>For a check with <c>each</c>: the line it records, by those facets' values (e.g. variant, loss); empty: every line.</summary>
    public Dictionary<string, string> Of { get; set; } = new();

    /// <summary>Whether this record is for the line that reads <paramref name="line"/> at <paramref name="profile"/>.</summary>
    public bool Records(Selection line, string profile) =>
        Profile == profile && Of.All(f => line.Patterns.TryGetValue(f.Key, out var v) && v == f.Value);
}
