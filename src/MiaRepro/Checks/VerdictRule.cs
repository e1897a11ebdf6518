using System.Globalization;

namespace MiaRepro.Checks;

/// <summary>
/// The one rule that turns a check's per-seed values into a verdict word; a claim file holds the paper's value P, the
/// alternative A it must be told apart from and a control, never a band. Changing anything here raises
/// <see cref="Version"/>, and rechecking the committed results shows every verdict that moved.
/// <para><b>near P</b>: σ = max(sd over seeds, binomial sd of the metric on its examples); band = 2σ·√(1 + 1/n) + half
/// P's rounding unit, n the seeds (the paper's number is one run, ours a mean of n: the band is a prediction interval
/// for one more run). <b>reproduces</b> iff |mean − P| ≤ band and A lies outside mean ± band; <b>deviates</b> iff
/// |mean − P| > band; <b>inconclusive</b> iff P and A both lie inside (this run cannot tell them apart).</para>
/// <para><b>orderings</b> (increasing, decreasing, largest, at least / at most a reference, differences): the per-seed
/// differences in the claimed direction, paired by seed; <b>holds</b> iff their mean exceeds 2 standard errors,
/// <b>fails</b> iff it is below −2 standard errors, else <b>inconclusive</b>.</para>
/// <para>Fewer than <see cref="MinSeeds"/> seeds is inconclusive for both. A control is the same check on an input where
/// it must fail: a control that passes fails the claim. A claim's word is its worst line's.</para>
/// </summary>
public static class VerdictRule
{
    public const int Version = 2;
    public const int MinSeeds = 3;
    const double Z = 2;

    /// <param name="perSeed">The measured value, one per seed.</param>
    /// <param name="paper">P, as the paper prints it.</param>
    /// <param name="alternative">A: the nearest value the paper contrasts P with (chance plus the smallest leak that
    /// matters, the undefended value, the neighbouring row, the other reading of a table).</param>
    /// <param name="roundingUnit">The last printed digit's unit of P (99.89 → 0.01; <see cref="RoundingUnit"/>).</param>
    /// <param name="binomial">For a rate: the examples it is measured on and its scale (100 for percent).</param>
    public static Judgement Near(IReadOnlyList<double> perSeed, double paper, double? alternative, double roundingUnit = 0, Binomial? binomial = null)
    {
        var n = perSeed.Count;
        if (n == 0) throw new ArgumentException("A near check needs at least one value.", nameof(perSeed));
        var mean = perSeed.Average();
        var sigma = Math.Max(Sd(perSeed), binomial?.Sd(mean) ?? 0);
        var band = Z * sigma * Math.Sqrt(1 + 1.0 / n) + roundingUnit / 2;
        var says = $"{F(mean)} vs {F(paper)} ± {F(band)} (σ {F(sigma)}, {Seeds(n)}), alternative {(alternative is { } a ? F(a) : "none declared")}";
        if (n < MinSeeds) return new(Verdicts.Inconclusive, mean, band, $"{says}: {Seeds(n)}, the rule needs {MinSeeds}");
        if (Math.Abs(mean - paper) > band) return new(Verdicts.Deviates, mean, band, $"{says}: the paper's value is outside the band");
        if (alternative is null)
            return new(Verdicts.Inconclusive, mean, band, $"{says}: the paper's value is inside the band, but the claim declares no alternative it must be told apart from");
        if (Math.Abs(mean - alternative.Value) <= band)
            return new(Verdicts.Inconclusive, mean, band, $"{says}: the paper's value and the alternative both lie inside the band");
        return new(Verdicts.Reproduces, mean, band, $"{says}: the paper's value is inside the band, the alternative outside");
    }

    /// <param name="differences">Per seed, the claimed direction positive: later − earlier for increasing, the expected
    /// value's margin over the best other for largest, value − reference for at least.</param>
    public static Judgement Ordering(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        if (n == 0) throw new ArgumentException("An ordering needs at least one paired difference.", nameof(differences));
        var mean = differences.Average();
        var se = Sd(differences) / Math.Sqrt(n);
        var says = $"mean difference {F(mean)}, 2 SE {F(Z * se)} ({Seeds(n)}: {string.Join(", ", differences.Select(F))})";
        if (n < MinSeeds) return new(Verdicts.Inconclusive, mean, Z * se, $"{says}: {Seeds(n)}, the rule needs {MinSeeds}");
        if (mean > Z * se) return new(Verdicts.Holds, mean, Z * se, $"{says}: beyond 2 SE in the claimed direction");
        if (mean < -Z * se) return new(Verdicts.Fails, mean, Z * se, $"{says}: beyond 2 SE the other way");
        return new(Verdicts.Inconclusive, mean, Z * se, $"{says}: within 2 SE of no difference");
    }

    /// <summary>The claim line a control gives, from the word the same check reads on the control's input: a check its
    /// control passes cannot tell the claim from its absence. An ordering that is inconclusive there did not pass (no
    /// difference beyond 2 SE, as on an input without one); a near check that is inconclusive there could not tell the
    /// control's input from the paper's value, so neither can the control line.</summary>
    public static string Control(string wordOnControlInput, bool ordering) => wordOnControlInput switch
    {
        Verdicts.Reproduces or Verdicts.Holds => Verdicts.Fails,
        Verdicts.Deviates or Verdicts.Fails => Verdicts.Holds,
        Verdicts.Inconclusive when ordering => Verdicts.Holds,
        _ => Verdicts.Inconclusive,
    };

    /// <summary><b>flat</b> along a sweep: each step's per-seed change judged as <see cref="Near"/> 0, told apart from the
    /// alternative change A (the rise the paper contrasts "flat" with). <b>holds</b> iff every step reproduces 0,
    /// <b>deviates</b> iff any step's change is outside its band (flat is a near check on each step), else <b>inconclusive</b>.</summary>
    public static Judgement Flat(IReadOnlyList<IReadOnlyList<double>> stepChanges, double alternative, double roundingUnit = 0)
    {
        if (stepChanges.Count == 0) throw new ArgumentException("A flat check needs at least one step.", nameof(stepChanges));
        var steps = stepChanges.Select(c => Near(c, 0, alternative, roundingUnit)).ToList();
        var word = steps.Any(s => s.Word == Verdicts.Deviates) ? Verdicts.Deviates
            : steps.All(s => s.Word == Verdicts.Reproduces) ? Verdicts.Holds : Verdicts.Inconclusive;
        var worst = steps.MaxBy(s => Math.Abs(s.Value) - s.Band)!;
        return new(word, steps.Max(s => Math.Abs(s.Value)), worst.Band,
            $"steps {string.Join("; ", steps.Select(s => $"{F(s.Value)} ± {F(s.Band)} ({s.Word})"))}: " +
            (word == Verdicts.Holds ? "every step's change is 0 within its band, the alternative outside"
                : word == Verdicts.Deviates ? "a step changes beyond its band" : "not every step can be told apart from the alternative"));
    }

    static readonly string[] Order = [Verdicts.Fails, Verdicts.Deviates, Verdicts.Inconclusive, Verdicts.Holds, Verdicts.Reproduces];

    /// <summary>A claim's word: its worst judged line's (fails &lt; deviates &lt; inconclusive &lt; holds, reproduces);
    /// measured and not-run lines judge nothing. Holds and reproduces rank alike: a claim of both reads holds.</summary>
    public static string Worst(IEnumerable<string> words)
    {
        var judged = words.Where(w => Order.Contains(w)).Select(w => w == Verdicts.Reproduces ? Verdicts.Holds : w).ToList();
        return judged.Count == 0 ? Verdicts.Inconclusive : judged.MinBy(w => Array.IndexOf(Order, w))!;
    }

    /// <summary>The unit of the last digit P is printed with: "99.89" → 0.01, "86" → 1, "0.8" → 0.1.</summary>
    public static double RoundingUnit(string printed)
    {
        if (!double.TryParse(printed, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || printed.Contains('e', StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{printed}' is not a number as a paper prints it (digits, an optional point and sign).", nameof(printed));
        var point = printed.IndexOf('.');
        return point < 0 ? 1 : Math.Pow(10, -(printed.Length - point - 1));
    }

    static double Sd(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    static string Seeds(int n) => n == 1 ? "1 seed" : $"{n} seeds";

    static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A verdict word, the number judged (the mean or mean difference), the band or 2 SE, and why in words.</summary>
    public sealed record Judgement(string Word, double Value, double Band, string Why);

    /// <summary>A rate measured on <see cref="Examples"/> examples, on a scale of <see cref="Scale"/> (100: percent).</summary>
    public sealed record Binomial(int Examples, double Scale)
    {
        public double Sd(double value)
        {
            var p = Math.Clamp(value / Scale, 0, 1);
            return Scale * Math.Sqrt(p * (1 - p) / Examples);
        }
    }
}
