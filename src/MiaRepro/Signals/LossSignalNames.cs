namespace MiaRepro.Signals;

/// <summary>The JSON names of <see cref="LossSignal"/>: "probability", "cross-entropy", "logit-scaled".</summary>
public static class LossSignalNames
{
    static readonly (LossSignal Signal, string Name)[] Names =
    [
        (LossSignal.Probability, "probability"),
        (LossSignal.CrossEntropy, "cross-entropy"),
        (LossSignal.LogitScaled, "logit-scaled"),
    ];

    public static IReadOnlyList<string> All => Names.Select(n => n.Name).ToArray();

    public static string Name(this LossSignal signal) =>
        Names.First(n => n.Signal == signal).Name;

    public static LossSignal Parse(string name)
    {
        foreach (var (signal, n) in Names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                return signal;
        throw new ArgumentException($"Loss signal '{name}' is unknown: use one of {string.Join(", ", All.Select(n => $"\"{n}\""))}.");
    }
}
