using MiaRepro.Measurements;
using MiaRepro.Metrics;
using System.Text.Json.Serialization;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>The attack on the targets of <see cref="Seeds"/> (variant, λ) with one loss at one leak %, over trials: its
/// held-out and in-sample evaluations, and the metrics of the leak itself (<see cref="Of"/>), by name as the evaluations
/// hold theirs. One seed's row holds its trials; a <see cref="Pool"/>ed row holds every seed's trials in seed order (the
/// same count per seed), so its mean is the mean of the seed means.</summary>
public sealed record KdeLeakRow(string Variant, double Lambda, string Loss, double LeakPercent,
    KdeEvaluation HeldOut, KdeEvaluation InSample, IReadOnlyList<MetricStat> Metrics)
{
    /// <summary>The row of one setting's trials: the Wasserstein-1 distance and KL divergence (KDE on a grid) from the
    /// known-member to the private loss sample. A new metric of the leak is one line here (and its unit in MetricUnits).</summary>
    public static KdeLeakRow Of(string variant, double lambda, string loss, double leak, KdeEvaluation heldOut, KdeEvaluation inSample,
        IEnumerable<double> wasserstein, IEnumerable<double> kl) =>
        new(variant, lambda, loss, leak, heldOut, inSample, [new("wasserstein", Stat.Of(wasserstein)), new("kl", Stat.Of(kl))]);

    /// <summary>The target seeds whose trials this row holds (set by the claim runner, not stored in the row cache).</summary>
    public int[] Seeds { get; init; } = [];

    /// <summary>A metric of the leak by its name; one the row does not hold is an error naming those it does.</summary>
    public Stat this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric)?.Stat
        ?? throw new ArgumentException($"{Variant} λ={Lambda:G} {Loss} leak {LeakPercent:G}%: no metric '{metric}'. It has: {string.Join(", ", Metrics.Select(m => m.Metric))}.");

    /// <summary>A held-out metric's mean per target seed (trials split back into seeds): the spread that says how much the
    /// verdict depends on which target was trained, as opposed to which members leaked.</summary>
    public double[] SeedMeans(string metric)
    {
        var values = HeldOut[metric].Values;
        var seeds = Math.Max(1, Seeds.Length);
        var perSeed = values.Length / seeds;
        return Enumerable.Range(0, seeds).Select(s => values.Skip(s * perSeed).Take(perSeed).Average()).ToArray();
    }

    /// <summary>What the row's statistics are over: "10 trials" or "10 trials × 3 seeds".</summary>
    [JsonIgnore] public string Runs => Seeds.Length > 1 ? $"{Trials / Seeds.Length} trials × {Seeds.Length} target seeds" : $"{Trials} trials";

    int Trials => HeldOut.Metrics[0].Stat.Values.Length;

    /// <summary>One row per (variant, λ, loss, leak %) over every seed's trials. Every seed must have run the same
    /// trials: a seed with a different count would weigh differently in the pooled mean.</summary>
    public static IReadOnlyList<KdeLeakRow> Pool(IEnumerable<KdeLeakRow> rows) =>
        rows.GroupBy(r => (r.Variant, r.Lambda, r.Loss, r.LeakPercent)).Select(g =>
        {
            var seedRows = g.OrderBy(r => r.Seeds.FirstOrDefault()).ToList();
            if (seedRows.Count == 1) return seedRows[0];
            if (seedRows.Select(r => r.Trials).Distinct().Count() != 1)
                throw new InvalidOperationException($"{g.Key}: seeds ran different numbers of trials; they cannot be pooled.");
            return new KdeLeakRow(g.Key.Variant, g.Key.Lambda, g.Key.Loss, g.Key.LeakPercent,
                KdeEvaluation.Pool(seedRows.Select(r => r.HeldOut).ToList()), KdeEvaluation.Pool(seedRows.Select(r => r.InSample).ToList()),
                seedRows[0].Metrics.Select(m => new MetricStat(m.Metric, Stat.Concat(seedRows.Select(r => r[m.Metric])))).ToList())
            { Seeds = seedRows.SelectMany(r => r.Seeds).ToArray() };
        }).ToList();
}
