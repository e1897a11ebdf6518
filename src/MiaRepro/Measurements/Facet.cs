using System.Globalization;
using MiaRepro.Attacks;
using MiaRepro.Metrics;
using MiaRepro.Privacy;
using MiaRepro.Signals;
using MiaRepro.Training.DpSgd;

namespace MiaRepro.Measurements;

/// <summary>
/// A setting a measurement was taken under that is not one of the table's columns: a parameter of its attack (the KDE
/// attack's loss and leak, LiRA's variance and reference count, RMIA's a) or of the setting (λ, a defense's parameter,
/// the evaluation, which targets, the keep mask). Each is defined once here, typed — a number, or one of known words —
/// and is its own column of measurements.csv, so nothing is packed into an attack, target or defense name.
/// </summary>
public sealed record Facet(string Name, bool Numeric, bool OfAttack, string Meaning, IReadOnlyList<string>? Words = null)
{
    public static readonly Facet Lambda = new("lambda", true, false, "the target's L2 weight λ (0: trained without)");
    public static readonly Facet Temperature = new("temperature", true, false, "the distillation temperature T");
    public static readonly Facet Top = new("top", true, false, "classes released by top-k masking");
    public static readonly Facet Decimals = new("decimals", true, false, "decimals kept by output rounding");
    public static readonly Facet Evaluation = new("evaluation", false, false,
        "where the KDE attack's threshold is scored: on held-out examples or on the attacker's own", ["held-out", "in-sample"]);
    public static readonly Facet Targets = new("targets", false, false,
        "the models a many-model attack scores: each in turn with the others as references, or targets trained apart",
        ["leave-one-out", "separate"]);
    public static readonly Facet Keep = new("keep", false, false,
        "the keep mask a many-model attack reads: the real one, or permuted per example (the control)", ["real", "shuffled"]);
    public static readonly Facet Loss = new("loss", false, true, "the KDE attack's loss", SignalRegistry.Names);
    public static readonly Facet Leak = new("leak", true, true, "% of the members the KDE attacker holds");
    public static readonly Facet Variance = new("variance", false, true, "LiRA's variance: one global per side, or per example",
        ["global", "per-example"]);
    public static readonly Facet References = new("references", true, true,
        "reference models per example (all: every other model)", ["all"]);
    public static readonly Facet A = new("a", true, true, "RMIA offline's a (fitted: fitted on the reference models)", ["fitted"]);

    public static readonly Facet Fault = new("fault", false, false,
        "the bug planted in DP-SGD (none: the correct implementation)", DpSgdSpec.Faults);
    public static readonly Facet Observe = new("observe", false, true,
        "what a privacy auditor sees of the run: every step's noisy gradient, or the final model", GradientCanaryAttack.Observations);

    public static readonly Facet Epsilon = new("epsilon", true, false,
        "the ε DP-SGD's noise was calibrated to (training:dp:epsilon; inf: no noise, σ = 0)", ["inf"]);

    public static readonly Facet Examples = new("examples", false, false,
        "which pool examples a many-model attack is scored on: all, or only the planted mislabelled canaries (the most vulnerable)", ["all", "canaries"]);

    public static readonly Facet Audit = new("audit", false, true,
        "how a privacy audit turns scores into an ε bound: one training run with many canaries, or many runs with one",
        [OneRunAudit.Name, ManyRunAudit.Name]);

    /// <summary>Every facet, in the order of measurements.csv's columns.</summary>
    public static readonly IReadOnlyList<Facet> All = [Lambda, Temperature, Top, Decimals, Evaluation, Targets, Keep, Loss, Leak, Variance, References, A, Fault, Observe, Audit, Epsilon, Examples];

    public static Facet? Named(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>A number as facets hold it: round-trip, invariant (0.01, 16).</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null;

    /// <summary>Whether <paramref name="value"/> is one this facet takes: a number for a numeric facet, or one of its words.</summary>
    public bool Takes(string value) => (Numeric && Number(value) is not null) || (Words?.Contains(value) ?? false);

    /// <summary>The values it takes, for an error message.</summary>
    public string Expected => (Numeric ? "a number" : "") + (Words is null ? "" : (Numeric ? " or " : "") + string.Join(", ", Words));
}
