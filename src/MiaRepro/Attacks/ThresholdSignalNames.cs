namespace MiaRepro.Attacks;

/// <summary>The JSON names of <see cref="ThresholdSignal"/>: "loss", "confidence", "entropy", "modified-entropy", "max-confidence".</summary>
public static class ThresholdSignalNames
{
    static readonly (ThresholdSignal Signal, string Name)[] Names =
    [
        (ThresholdSignal.Loss, "loss"),
        (ThresholdSignal.Confidence, "confidence"),
        (ThresholdSignal.Entropy, "entropy"),
        (ThresholdSignal.ModifiedEntropy, "modified-entropy"),
        (ThresholdSignal.MaxConfidence, "max-confidence"),
    ];

    public static IReadOnlyList<string> All => Names.Select(n => n.Name).ToArray();

    public static string Name(this ThresholdSignal signal) =>
        Names.First(n => n.Signal == signal).Name;

    /// <summary>Case-insensitive; an unknown name throws <see cref="ArgumentException"/> listing the known ones.</summary>
    public static ThresholdSignal Parse(string name)
    {
        foreach (var (signal, n) in Names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                return signal;
        throw new ArgumentException($"Threshold-attack signal '{name}' is unknown: use one of {string.Join(", ", All.Select(n => $"\"{n}\""))}.");
    }
}
