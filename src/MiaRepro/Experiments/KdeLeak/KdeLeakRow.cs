using MiaRepro.Metrics;
using System.Text.Json.Serialization;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>The attack on the targets of <see cref="Seeds"/> (variant, λ) with one loss at one leak %, over trials: its
/// held-out and in-sample evaluations, and the Wasserstein-1 distance and KL divergence (KDE on a grid) from the
/// known-member to the private loss sample. One seed's row holds its trials; a <see cref="Pool"/>ed row holds every
/// seed's trials in seed order (the same count per seed), so its mean is the mean of the seed means.</summary>
public sealed record KdeLeakRow(string Variant, double Lambda, string Loss, double LeakPercent,
    KdeEvaluation HeldOut, KdeEvaluation InSample, Stat Wasserstein, Stat Kl)
{
    /// <summary>The target seeds whose trials this row holds (set by the claim runner, not stored in the row cache).</summary>
    public int[] Seeds { get; init; } = [];

    [JsonIgnore] public Stat HeldOutAccuracy => HeldOut.Accuracy;
    [JsonIgnore] public Stat HeldOutTpr => HeldOut.Tpr;
    [JsonIgnore] public Stat HeldOutFpr => HeldOut.Fpr;

    /// <summary>A metric by name: "wasserstein", "kl", "in-sample-optimism" (in-sample minus held-out accuracy, per
    /// trial: how much scoring the KDEs on their own points flatters the attack), or an evaluation metric of
    /// <paramref name="evaluation"/> ("held-out" or "in-sample").</summary>
    public Stat Get(string metric, string evaluation = "held-out") => metric switch
    {
        "wasserstein" => Wasserstein,
        "kl" => Kl,
        "in-sample-optimism" => Stat.Of(InSample.Accuracy.Values.Zip(HeldOut.Accuracy.Values, (i, h) => i - h)),
        _ => (evaluation == "in-sample" ? InSample : HeldOut).Get(metric),
    };

    /// <summary>A metric's mean per target seed (trials split back into seeds): the spread that says how much the
    /// verdict depends on which target was trained, as opposed to which members leaked.</summary>
    public double[] SeedMeans(string metric, string evaluation = "held-out")
    {
        var values = Get(metric, evaluation).Values;
        var seeds = Math.Max(1, Seeds.Length);
        var perSeed = values.Length / seeds;
        return Enumerable.Range(0, seeds).Select(s => values.Skip(s * perSeed).Take(perSeed).Average()).ToArray();
    }

    /// <summary>What the row's statistics are over: "10 trials" or "10 trials × 3 seeds".</summary>
    [JsonIgnore] public string Runs => Seeds.Length > 1 ? $"{HeldOut.Accuracy.Values.Length / Seeds.Length} trials × {Seeds.Length} target seeds" : $"{HeldOut.Accuracy.Values.Length} trials";

    /// <summary>One row per (variant, λ, loss, leak %) over every seed's trials. Every seed must have run the same
    /// trials: a seed with a different count would weigh differently in the pooled mean.</summary>
    public static IReadOnlyList<KdeLeakRow> Pool(IEnumerable<KdeLeakRow> rows) =>
        rows.GroupBy(r => (r.Variant, r.Lambda, r.Loss, r.LeakPercent)).Select(g =>
        {
            var seedRows = g.OrderBy(r => r.Seeds.FirstOrDefault()).ToList();
            if (seedRows.Count == 1) return seedRows[0];
            if (seedRows.Select(r => r.HeldOut.Accuracy.Values.Length).Distinct().Count() != 1)
                throw new InvalidOperationException($"{g.Key}: seeds ran different numbers of trials; they cannot be pooled.");
            return new KdeLeakRow(g.Key.Variant, g.Key.Lambda, g.Key.Loss, g.Key.LeakPercent,
                KdeEvaluation.Pool(seedRows.Select(r => r.HeldOut).ToList()), KdeEvaluation.Pool(seedRows.Select(r => r.InSample).ToList()),
                Stat.Concat(seedRows.Select(r => r.Wasserstein)), Stat.Concat(seedRows.Select(r => r.Kl)))
            { Seeds = seedRows.SelectMany(r => r.Seeds).ToArray() };
        }).ToList();
}
