using System.Text.Json.Serialization;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// One attack's leave-one-model-out result on one set (metrics.json's liraAttacks): its plain name and typed parameters
/// (<see cref="AttackScores"/>: <see cref="Variance"/>, <see cref="A"/>, <see cref="FittedA"/>), <see cref="Keep"/> "true"
/// for the models' own keep mask, "shuffled" for the control, "separate" for targets trained apart; <see cref="References"/>
/// null when every other model is a reference, else k. Its metrics are named and in the units of MetricUnits (AUC and
/// TPRs in %). The parameters are left out of metrics.json for the attacks without them.
/// </summary>
public sealed record LiraAttackRow(int Seed, string Attack, int? References, string Keep, IReadOnlyList<MetricValue> Metrics)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(JsonStringEnumConverter))]
    public LiraVariance? Variance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? A { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? FittedA { get; init; }

    /// <summary>With lira:canaries, "all" or "canaries" (<see cref="LiraRunner.AllExamples"/>): the pairs the row scores.
    /// Null without canaries (every example; no facet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Examples { get; init; }

    /// <summary>The parameters as the facets of the row's measurements.</summary>
    [JsonIgnore]
    public FacetValues Facets => Examples is { } e ? ManyModelFacets.Of(Variance, A, FittedA is not null).With(Facet.Examples, e) : ManyModelFacets.Of(Variance, A, FittedA is not null);

    /// <summary>Readable text for logs and figure legends (<see cref="AttackScores.Label"/>).</summary>
    [JsonIgnore]
    public string Label => AttackScores.LabelOf(Attack, Variance, A, FittedA is not null);

    /// <summary>A metric by its name; one the row does not hold is an error naming those it does.</summary>
    public double this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Value
        ?? throw new ArgumentException($"seed {Seed} {Label}: no metric '{metric}'. It has: {string.Join(", ", Metrics.Select(m => m.Metric))}.");

    /// <summary>The row of an attack's ROC: its AUC, RMIA offline's mean fitted a, and TPR at each of <paramref name="fprs"/>.
    /// A new metric of the many-model attacks is one line here (and its unit in MetricUnits).</summary>
    public static LiraAttackRow Of(int seed, AttackScores attack, int? references, string keep, RocCurve roc, IReadOnlyList<double> fprs) =>
        new(seed, attack.Attack, references, keep,
        [
            new("auc", 100 * roc.Auc),
            .. attack.FittedA is { } fitted ? new[] { new MetricValue("fitted-a", fitted.Average()) } : [],
            .. fprs.Select(f => new MetricValue(MetricUnits.TprAtFpr(f), 100 * roc.TprAtFpr(f))),
        ])
        { Variance = attack.Variance, A = attack.A, FittedA = attack.FittedA };

    /// <summary>The log line's numbers: AUC and every TPR.</summary>
    public string Summary => string.Join(" ", Metrics.Select(m => $"{m.Metric} {m.Value:G4}"));
}
