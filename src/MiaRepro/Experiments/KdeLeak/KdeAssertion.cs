namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// One assertion of a kde-leak claim over the trial means of <see cref="KdeLeakRow"/> metrics (in %, or the distance),
/// for the target at <see cref="Lambda"/>, in <see cref="Variant"/> (empty: each variant) and for <see cref="Loss"/>
/// (empty: each loss), over <see cref="LeakPercents"/> (empty: all). <see cref="Kind"/>:
/// <c>near</c>: |mean over the leak % − <see cref="Value"/>| ≤ <see cref="Tolerance"/> (a paper value);
/// <c>at-least</c> / <c>at-most</c>: the value at each leak % ≥ / ≤ Value, for more than <see cref="Share"/> of them;
/// <c>flat</c>: max − min over the leak % ≤ Tolerance;
/// <c>increasing</c> / <c>decreasing</c>: value at the largest leak % − value at the smallest &gt; Tolerance (or &lt; −Tolerance);
/// <c>largest</c>: the mean over the leak % of Loss exceeds that of every other loss (Loss required).
/// <see cref="Evaluation"/>: "held-out" (the honest headline) or "in-sample" (the points the KDEs were fitted on).
/// When <see cref="Recorded"/> is set the paper's statement is known not to hold here: the line reads "deviates" and
/// asserts that the measured statistic stays within <see cref="Stability"/> of Recorded (Reason says why); such an
/// assertion names one variant and one loss.
/// </summary>
public sealed class KdeAssertion
{
    public string Kind { get; set; } = "";
    public string What { get; set; } = "";
    public string Metric { get; set; } = "accuracy";
    public string Evaluation { get; set; } = "held-out";
    public string Variant { get; set; } = "";
    public double Lambda { get; set; }
    public string Loss { get; set; } = "";
    public double[] LeakPercents { get; set; } = [];
    public double Value { get; set; }
    public double Tolerance { get; set; }
    public double Share { get; set; } = 0.5;
    public double? Recorded { get; set; }
    public double Stability { get; set; }
    public string Reason { get; set; } = "";

    public static readonly string[] Kinds = ["near", "at-least", "at-most", "flat", "increasing", "decreasing", "largest"];
    public static readonly string[] Metrics = [.. KdeEvaluation.Metrics, "wasserstein", "kl", "in-sample-optimism"];

    public void Validate(string key)
    {
        if (!Kinds.Contains(Kind)) throw new ArgumentException($"{key}:kind '{Kind}' is unknown: use {string.Join(", ", Kinds)}.");
        if (!Metrics.Contains(Metric)) throw new ArgumentException($"{key}:metric '{Metric}' is unknown: use {string.Join(", ", Metrics)}.");
        if (Evaluation is not ("held-out" or "in-sample")) throw new ArgumentException($"{key}:evaluation '{Evaluation}' is unknown: use held-out or in-sample.");
        if (What.Length == 0) throw new ArgumentException($"{key}:what (the claim in words) is required.");
        if (Tolerance < 0) throw new ArgumentException($"{key}:tolerance must be ≥ 0, not {Tolerance}.");
        if (Kind is "near" or "flat" && !(Tolerance > 0)) throw new ArgumentException($"{key}:tolerance must be > 0 for '{Kind}'.");
        if (Kind == "largest" && Loss.Length == 0) throw new ArgumentException($"{key}:loss is required for 'largest' (the loss expected on top).");
        if (!(Share >= 0 && Share < 1)) throw new ArgumentException($"{key}:share must be in [0, 1), not {Share}.");
        if (Recorded is not null && (Variant.Length == 0 || Loss.Length == 0 || !(Stability > 0)))
            throw new ArgumentException($"{key}: a recorded deviation names one variant and one loss and a stability > 0.");
    }
}
