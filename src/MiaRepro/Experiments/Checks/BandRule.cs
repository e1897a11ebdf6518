namespace MiaRepro.Experiments.Checks;

/// <summary>
/// How a band is set, before the run it judges: <see cref="K"/> times the larger of the measured seed spread
/// (<see cref="SeedSd"/> over <see cref="Seeds"/> ≥ 3 seeds) and the binomial sd of a rate on <see cref="N"/> examples
/// (at the paper's value, in points), plus half the paper's rounding unit. <see cref="Source"/> names the runs the spread was measured on. The loader
/// computes the band from the rule, so a band cannot be widened by hand.
/// </summary>
public sealed class BandRule
{
    public double K { get; set; } = 2;
    public double? SeedSd { get; set; }
    public int Seeds { get; set; }
    public int? N { get; set; }
    /// <summary>The unit the paper rounded its value to (1 for "≈ 40 %", 0.1 for "86.3"): half of it is added, since
    /// the paper's number is known only to that precision.</summary>
    public double PaperRounding { get; set; }
    public string Source { get; set; } = "";

    /// <summary>The band in the quantity's units; <paramref name="rate"/> is the paper's value in %, for the binomial term.</summary>
    public double Band(double? rate)
    {
        var seed = SeedSd is { } sd ? sd : 0;
        var p = Math.Clamp((rate ?? 50) / 100, 0.01, 0.99);
        var binomial = N is { } n ? 100 * Math.Sqrt(p * (1 - p) / n) : 0;
        return Math.Round(K * Math.Max(seed, binomial) + PaperRounding / 2, 2);
    }

    public void Validate(string key)
    {
        if (!(K > 0)) throw new ArgumentException($"{key}:k must be > 0, not {K}.");
        if (SeedSd is null && N is null) throw new ArgumentException($"{key} needs seedSd (with seeds ≥ 3) or n (examples behind the rate), or both.");
        if (SeedSd is not null && Seeds < 3) throw new ArgumentException($"{key}:seeds must be ≥ 3 for a seed spread (a spread of {Seeds} seeds is not a measurement of it).");
        if (PaperRounding < 0) throw new ArgumentException($"{key}:paperRounding must be ≥ 0.");
        if (N is < 1) throw new ArgumentException($"{key}:n must be ≥ 1.");
        if (Source.Length == 0) throw new ArgumentException($"{key}:source (the runs the spread was measured on, or the evaluation set) is required.");
    }
}
