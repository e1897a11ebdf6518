using MiaRepro.Defenses;

namespace MiaRepro.Measurements;

/// <summary>The claim a kind's run measures: makes its measurements (the unit filled in from the metric) and the
/// defense names and facets every kind shares.</summary>
public sealed record ClaimScope(string Paper, string Claim)
{
    public Measurement Row(string variant, int? seed, string target, string attack, string defense, string metric, double value,
        FacetValues? facets = null) =>
        new(Paper, Claim, variant, seed, target, attack, defense, metric, value, MetricUnits.Of(metric)) { Facets = facets ?? FacetValues.None };

    /// <summary>An L2 sweep's defense: "l2" with its λ, "none" at λ = 0 (the λ facet set either way: it is the sweep's axis).</summary>
    public static (string Defense, FacetValues Facets) L2(double lambda) =>
        (lambda == 0 ? "none" : "l2", FacetValues.None.With(Facet.Lambda, lambda));

    public const string DpSgdDefense = "dp-sgd";

    /// <summary>A model's training as a defense: "dp-sgd" with the ε its noise was calibrated to (inf: σ = 0), "l2" with
    /// its λ, or "none".</summary>
    public static (string Defense, FacetValues Facets) Training(Training.TrainingSpec training) => training.Dp is { } dp
        ? (DpSgdDefense, FacetValues.None.With(Facet.Epsilon, dp.Epsilon is { } e ? Facet.Text(e) : dp.NoiseMultiplier == 0 ? "inf"
            : throw new ArgumentException($"{dp}: a run measured by its ε sets training:dp:epsilon (or noiseMultiplier 0 for ε = ∞).")))
        : training.L2.Lambda > 0 ? L2(training.L2.Lambda) : ("none", FacetValues.None);

    /// <summary>A defense's name and its parameter as a facet.</summary>
    public static (string Defense, FacetValues Facets) Defense(DefenseSpec spec) => (spec.Name, spec.Name switch
    {
        "l2" => FacetValues.None.With(Facet.Lambda, spec.Lambda),
        "distillation" => FacetValues.None.With(Facet.Temperature, spec.Temperature),
        "top-k" => FacetValues.None.With(Facet.Top, spec.K),
        "rounding" => FacetValues.None.With(Facet.Decimals, spec.Decimals),
        _ => FacetValues.None,
    });
}
