using System.Text.Json.Serialization;
using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// One attack's leave-one-model-out result on one set (metrics.json's liraAttacks): <see cref="Keep"/> "true" for the
/// models' own keep mask, "shuffled" for the control, "separate" for targets trained apart; <see cref="References"/>
/// null when every other model is a reference, else k. Its metrics are named and in the units of MetricUnits (AUC and
/// TPRs in %). <see cref="FittedA"/>: RMIA offline's a fitted per target (in target order), left out of metrics.json for
/// every other attack.
/// </summary>
public sealed record LiraAttackRow(int Seed, string Attack, int? References, string Keep, IReadOnlyList<MetricValue> Metrics)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? FittedA { get; init; }

    /// <summary>A metric by its name; one the row does not hold is an error naming those it does.</summary>
    public double this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Value
        ?? throw new ArgumentException($"seed {Seed} {Attack}: no metric '{metric}'. It has: {string.Join(", ", Metrics.Select(m => m.Metric))}.");

    /// <summary>The row of an attack's ROC: its AUC, RMIA offline's mean fitted a, and TPR at each of <paramref name="fprs"/>.
    /// A new metric of the many-model attacks is one line here (and its unit in MetricUnits).</summary>
    public static LiraAttackRow Of(int seed, string attack, int? references, string keep, RocCurve roc, IReadOnlyList<double> fprs, double[]? fittedA) =>
        new(seed, attack, references, keep,
        [
            new("auc", 100 * roc.Auc),
            .. fittedA is null ? [] : new[] { new MetricValue("fitted-a", fittedA.Average()) },
            .. fprs.Select(f => new MetricValue(MetricUnits.TprAtFpr(f), 100 * roc.TprAtFpr(f))),
        ])
        { FittedA = fittedA };

    /// <summary>The log line's numbers: AUC and every TPR.</summary>
    public string Summary => string.Join(" ", Metrics.Select(m => $"{m.Metric} {m.Value:G4}"));
}
