using TorchSharp;
namespace MiaRepro.Signals;

/// <summary>
/// Every signal, once, by the name experiments use. Two quantities have a second name because experiment files of
/// different papers use both: "cross-entropy" is "loss" (−log p_y) and "probability" is "confidence" (p_y); an alias
/// resolves to the same <see cref="Signal"/>, so there is one computation per quantity.
/// </summary>
public static class SignalRegistry
{
    /// <summary>Yeom et al.'s loss attack; Bîndilă et al.'s "cross-entropy".</summary>
    public static readonly Signal Loss = new("loss", "cross-entropy −log p_y of the true class; lower = member", -1,
        CrossEntropy.Compute, (logPy, _) => logPy.neg());

    /// <summary>Song &amp; Mittal's confidence attack; Bîndilă et al.'s "probability".</summary>
    public static readonly Signal Confidence = new("confidence", "softmax probability p_y of the true class; higher = member", 1,
        TrueClassProbability.Compute, (logPy, _) => logPy.exp());

    public static readonly Signal Entropy = new("entropy", "Shannon entropy H(p) of the prediction, label-free; lower = member", -1,
        PredictionEntropy.Compute);

    public static readonly Signal ModifiedEntropy = new("modified-entropy", "Song & Mittal's label-aware Mentr(p, y); lower = member", -1,
        Signals.ModifiedEntropy.Compute);

    public static readonly Signal MaxConfidence = new("max-confidence", "Salem et al.'s largest softmax probability max_i p_i, label-free; higher = member", 1,
        Signals.MaxConfidence.Compute);

    /// <summary>Bîndilă et al.'s "normalized probability"; from a released vector 1 − p_y is floored (a top-1 release has p_y = 1).</summary>
    public static readonly Signal LogitScaled = new("logit-scaled", "log(p_y / (1 − p_y)), the logit-scaled confidence; higher = member", 1,
        LogitScaledConfidence.Compute, (logPy, floor) =>
        {
            using var one = 1.ToScalar();
            using var least = floor.ToScalar();
            return logPy - logPy.exp().neg().add(one).clamp_min(least).log();
        });

    public static IReadOnlyList<Signal> All { get; } = [Loss, Confidence, Entropy, ModifiedEntropy, MaxConfidence, LogitScaled];

    /// <summary>Second names of signals in <see cref="All"/>.</summary>
    public static IReadOnlyDictionary<string, Signal> Aliases { get; } =
        new Dictionary<string, Signal>(StringComparer.OrdinalIgnoreCase) { ["cross-entropy"] = Loss, ["probability"] = Confidence };

    /// <summary>Every name <see cref="Get"/> accepts: the signals' names, then the aliases.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name), .. Aliases.Keys];

    /// <summary>Case-insensitive; an unknown name throws <see cref="ArgumentException"/> listing the known ones.</summary>
    public static Signal Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? (Aliases.TryGetValue(name, out var signal) ? signal
            : throw new ArgumentException($"Signal '{name}' is unknown: use one of {string.Join(", ", Names.Select(n => $"\"{n}\""))}."));
}
