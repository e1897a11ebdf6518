using MiaRepro.Measurements;

namespace MiaRepro.Checks;

/// <summary>
/// One statement of a claim, judged on its measurements (experiment files' <c>checks</c>). <see cref="Of"/> selects the
/// measurements (<see cref="Selection"/>); the quantity is their mean over seeds (<see cref="Quantity"/>), or with
/// <see cref="Minus"/> the difference to the same selection with those facets replaced (paired by seed).
/// <see cref="Each"/> repeats the check for every value of those facets (one line each). <see cref="Type"/>:
/// <c>near</c>: the quantity within the verdict rule's band of <see cref="Paper"/>, <see cref="Alternative"/> outside → reproduces;
/// <c>within</c>: the same around <see cref="Value"/> → holds (≈ chance, two rows agree);
/// <c>at-least</c> / <c>at-most</c>: the per-seed excess over (under) <see cref="Value"/> beyond 2 standard errors; with
/// <see cref="Along"/>, per value of that facet, holding at more than <see cref="Share"/> of them;
/// <c>increasing</c> / <c>decreasing</c>: along <see cref="Along"/> (numeric order) or over <see cref="Steps"/>, last − first
/// per seed beyond 2 standard errors, and every step so when <see cref="Monotone"/>;
/// <c>flat</c>: every step along <see cref="Along"/> changes by 0 within the rule's band, told apart from <see cref="Alternative"/>;
/// <c>largest</c>: among the values of facet <see cref="Among"/>, <see cref="Expect"/>'s per-seed margin over the best other
/// beyond 2 standard errors. Orderings and the seed count are <see cref="VerdictRule"/>'s; fewer than 3 seeds is inconclusive;
/// <c>measured</c>: recorded, not judged.
/// A <see cref="Deviation"/> records that the statement does not hold here; a <see cref="Control"/> is an input on which
/// the check must fail.
/// </summary>
public sealed class Check
{
    public string What { get; set; } = "";
    public string Type { get; set; } = "";
    public Dictionary<string, string> Of { get; set; } = new();
    public Dictionary<string, string> Minus { get; set; } = new();
    public string[] Each { get; set; } = [];
    public double? Paper { get; set; }
    public double? Value { get; set; }
    /// <summary>at-least / at-most: where the paper states <see cref="Value"/> (Bîndilă's "> 64 %"), or the fact of the
    /// setup it is (chance on balanced classes). Required unless the value is 0, the ordering itself.</summary>
    public string ValueSource { get; set; } = "";
    /// <summary>Gone: no check carries a band; every band is the verdict rule's. Kept only to reject it by name.</summary>
    public double Band { get; set; }
    /// <summary>Gone: at-least / at-most are judged by the verdict rule's 2 standard errors. Kept only to reject it by name.</summary>
    public double Sigmas { get; set; }
    public string Along { get; set; } = "";
    public double Share { get; set; }
    public List<Dictionary<string, string>> Steps { get; set; } = new();
    public bool Monotone { get; set; }
    public string Among { get; set; } = "";
    public string Expect { get; set; } = "";
    /// <summary>Gone: a near or within check's band is the verdict rule's, from the run's own seeds. Kept only to reject it by name.</summary>
    public Dictionary<string, string>? BandRule { get; set; }
    /// <summary>Gone: the alternative (<see cref="Alternative"/>) is what a near or within check must tell its value apart from.</summary>
    public double? Effect { get; set; }
    /// <summary>near / within: the nearest value the paper contrasts its value with, and where that contrast comes from.</summary>
    public CheckAlternative? Alternative { get; set; }
    /// <summary>near / within on a rate: the examples it is measured on, for the binomial floor of σ (a fact of the setup).</summary>
    public int? Examples { get; set; }
    /// <summary>near / within: the unit the paper rounded its value to (1 for "≈ 40 %", 0.01 for "99.89"); half of it joins the band.</summary>
    public double PaperRounding { get; set; }
    public CheckDeviation? Deviation { get; set; }
    /// <summary>More than one record: one per profile, or per line of an <see cref="Each"/> check (<see cref="CheckDeviation.Of"/>).</summary>
    public List<CheckDeviation> Deviations { get; set; } = new();

    /// <summary>Every deviation record, <see cref="Deviation"/> and <see cref="Deviations"/>.</summary>
    public IEnumerable<CheckDeviation> Recorded => Deviations.Prepend(Deviation).OfType<CheckDeviation>();
    public CheckControl? Control { get; set; }

    public static readonly string[] Types = ["near", "within", "at-least", "at-most", "increasing", "decreasing", "flat", "largest", "measured"];

    /// <summary>Throws naming the key (<paramref name="key"/>, e.g. checks:3) and the fix.</summary>
    public void Validate(string key, IReadOnlyCollection<string> variants)
    {
        if (!Types.Contains(Type)) throw new ArgumentException($"{key}:type '{Type}' is unknown: use {string.Join(", ", Types)}.");
        if (What.Length == 0) throw new ArgumentException($"{key}:what (the statement in words) is required.");
        if (!Of.TryGetValue("metric", out var metric)) throw new ArgumentException($"{key}:of:metric is required (the measurement's metric, e.g. accuracy).");
        foreach (var m in metric.Split('|')) Measurements.MetricUnits.Of(m);
        foreach (var selection in Steps.Prepend(Minus).Prepend(Of).Append(Control?.Of ?? []))
        {
            _ = new Selection(selection);
            if (selection.TryGetValue("attack", out var attack)) AttackNames.RequireKnown(attack, key);
            foreach (var (facet, pattern) in selection) Facets.RequireKnownValue(facet, pattern, key);
            if (selection.TryGetValue("variant", out var v))
                foreach (var name in v.Split('|').Where(n => !n.Contains('*') && !variants.Contains(n)))
                    throw new ArgumentException($"{key}: variant '{name}' names no variant of this claim. It has: {string.Join(", ", variants)}.");
        }
        foreach (var facet in Each.Append(Along).Append(Among).Where(f => f.Length > 0))
            if (!Facets.Names.Contains(facet)) throw new ArgumentException($"{key}: '{facet}' is not a facet: use {string.Join(", ", Facets.Names)}.");
        if (BandRule is not null || Effect is not null || (Band != 0 && Type is "near" or "within" or "flat"))
            throw new ArgumentException($"{key}: '{Type}' takes no band, bandRule or effect: its band is the verdict rule's, from the run's own seeds " +
                                        "(VerdictRule); declare what it must be told apart from as alternative: { value, source }, and examples / paperRounding as facts.");
        if (Alternative is { } alt && (alt.Source.Length == 0 || alt.Value == (Paper ?? Value)))
            throw new ArgumentException($"{key}:alternative needs a source and a value other than the check's own.");
        if (Examples is < 1 || PaperRounding < 0) throw new ArgumentException($"{key}: examples must be ≥ 1 and paperRounding ≥ 0.");
        if (Band < 0) throw new ArgumentException($"{key}:band must be ≥ 0, not {Band}.");
        if (Sigmas != 0 || (Band != 0 && Type is "at-least" or "at-most" or "increasing" or "decreasing" or "largest"))
            throw new ArgumentException($"{key}: '{Type}' takes no band or sigmas: orderings are judged by one rule in code, the per-seed " +
                                        "differences beyond 2 standard errors (VerdictRule). Remove the key.");
        switch (Type)
        {
            case "near" when Paper is null: throw new ArgumentException($"{key}:paper (the paper's value) is required for 'near'.");
            case "flat" when Alternative is null:
                throw new ArgumentException($"{key}:alternative is required for 'flat': the change per step the paper contrasts flat with, and its source.");
            case "within" or "at-least" or "at-most" when Value is null: throw new ArgumentException($"{key}:value is required for '{Type}'.");
            case "increasing" or "decreasing" when (Along.Length == 0) == (Steps.Count == 0):
                throw new ArgumentException($"{key}: '{Type}' needs either along (a numeric facet) or steps (selections in order), not both.");
            case "increasing" or "decreasing" when Steps.Count is 1: throw new ArgumentException($"{key}:steps must list at least two selections.");
            case "flat" when Along.Length == 0: throw new ArgumentException($"{key}:along is required for 'flat'.");
            case "largest" when Among.Length == 0 || Expect.Length == 0: throw new ArgumentException($"{key}: 'largest' needs among (a facet) and expect (its value on top).");
        }
        if (Type is "at-least" or "at-most" && Value is { } threshold && threshold != 0 && ValueSource.Length == 0)
            throw new ArgumentException($"{key}:value {threshold} is a threshold the paper does not state: use 0 (the ordering itself, judged beyond 2 standard " +
                                        "errors), compare with a measured reference (minus), or name where the paper states it in valueSource.");
        if (!(Share >= 0 && Share < 1)) throw new ArgumentException($"{key}:share must be in [0, 1), not {Share}.");
        if (Deviation is not null && Deviations.Count > 0) throw new ArgumentException($"{key}: use deviation (one record) or deviations (a list), not both.");
        foreach (var d in Recorded)
        {
            if (d.Band != 0)
                throw new ArgumentException($"{key}:deviation:band is gone: how far a recorded deviation may move is the verdict rule's band of the line. Remove the key.");
            if (d.Reason.Length == 0) throw new ArgumentException($"{key}:deviation:reason is required.");
            if (d.Of.Keys.FirstOrDefault(f => !Each.Contains(f)) is { } facet)
                throw new ArgumentException($"{key}:deviation:of:{facet} is not one of the check's each facets ({string.Join(", ", Each)}): a record names the line it is for.");
        }
        if (Recorded.GroupBy(d => (d.Profile, string.Join(",", d.Of.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}")))).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{key}:deviations: two records for profile {twice.Key.Profile} {twice.Key.Item2}: one per profile and line.");
        if (Control is { } c && c.MustFail is not ("all" or "most")) throw new ArgumentException($"{key}:control:mustFail '{c.MustFail}' is unknown: use all or most.");
        if (Control is { Constant: not null })
            throw new ArgumentException($"{key}:control:constant is gone: a control is measured, the same check on an input where it must fail " +
                                        "(of: the undefended target, the shuffled keep mask, attack all-member, another variant). Replace it with of.");
        if (Control is { } n && (n.Of.Count == 0) == (n.None.Length == 0))
            throw new ArgumentException($"{key}:control needs either of (the facets to replace: the input on which the check must fail) or none (why no measured input must fail it), not both.");
        if (Control is not null && Type == "measured") throw new ArgumentException($"{key}: a 'measured' line judges nothing, so it has no control.");
        if (Control is { Why.Length: 0, None.Length: 0 }) throw new ArgumentException($"{key}:control:why (what the control input is) is required.");
    }
}
