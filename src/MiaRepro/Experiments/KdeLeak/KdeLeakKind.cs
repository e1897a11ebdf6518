using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>Bîndilă et al.'s data-leak KDE attack on the l2-sweep's targets: per target, its members' and non-members'
/// outputs → loss signals → leak samples → the KDE attack, pooled over target seeds, then the claim's check.</summary>
public sealed class KdeLeakKind : IClaimKind
{
    public string Name => "kde-leak";

    public void Validate(ExperimentSpec spec)
    {
        Sweep.ValidateLambdas(spec);
        if (spec.Attack.Losses.Length == 0) throw new ArgumentException("attack:losses must name at least one loss (probability, cross-entropy, logit-scaled).");
        for (var i = 0; i < spec.Attack.Losses.Length; i++) SpecSignals.Resolve($"attack:losses:{i}", spec.Attack.Losses[i]);
        if (spec.Attack.LeakPercents.Length == 0 || spec.Attack.LeakPercents.Any(p => !(p > 0 && p < 100)))
            throw new ArgumentException("attack:leakPercents must list values in (0, 100).");
        if (spec.Attack.Trials < 1) throw new ArgumentException($"attack:trials must be ≥ 1, not {spec.Attack.Trials}.");
    }

    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset) =>
        L2SweepRunner.Planned(variants, dataset(variants[0].Dataset));

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var spec = variants[0];
        var seedRows = new List<KdeLeakRow>();
        var densities = new List<KdeDensityCurve>();
        var (cells, split) = Sweep.Runner(context, spec, (cell, members, nonMembers) =>
        {
            var variantSpec = variants.First(v => v.Variant == cell.Variant);
            var (kdeRows, kdeDensities, cachedRows) = new KdeRowCache(context.Settings.Cache).GetOrRun(cell.ModelKey, variantSpec.Attack,
                () => KdeLeakRunner.Attack(variantSpec.Attack, cell, members, nonMembers));
            seedRows.AddRange(kdeRows.Select(r => r with { Seeds = [cell.Seed] }));
            // Density figures show one target: the first seed's.
            if (cell.Seed == variantSpec.Seeds[0]) densities.AddRange(kdeDensities);
            context.Log?.Invoke($"{spec.Claim}: KDE attack on {cell.Variant} λ={cell.Lambda:G} seed {cell.Seed} done{(cachedRows ? " (cached rows)" : "")}");
        }).Run(variants);
        // Checks, figures and metrics.json's attackRows read each setting over all target seeds' trials.
        var attackRows = KdeLeakRow.Pool(seedRows).ToList();
        List<Figure> figures =
        [
            KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out accuracy vs leak", "accuracy (%)", r => r.HeldOut["accuracy"].Mean),
            KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out FPR vs leak", "FPR (%)", r => r.HeldOut["fpr"].Mean),
            KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out TPR vs leak", "TPR (%)", r => r.HeldOut["tpr"].Mean),
            KdeLeakFigures.VsLeak(attackRows, "Wasserstein-1, known-member vs private losses", "W1", r => r["wasserstein"].Mean),
        ];
        List<string> plotNames = ["accuracy-vs-leak.png", "fpr-vs-leak.png", "tpr-vs-leak.png", "wasserstein-vs-leak.png"];
        foreach (var (figure, name) in KdeLeakFigures.Densities(densities, "cross-entropy"))
        {
            figures.Add(figure);
            plotNames.Add(name);
        }
        var seedMeans = spec.Seeds.Length > 1 ? attackRows.Select(r => new { r.Variant, r.Lambda, r.Loss, r.LeakPercent, r.Seeds,
            heldOutAccuracy = r.SeedMeans("accuracy"), heldOutTpr = r.SeedMeans("tpr"), heldOutFpr = r.SeedMeans("fpr") }).ToList() : null;
        var confusions = KdeLeakFigures.Confusions(attackRows, "cross-entropy").ToList();
        return SweepClaimWriter.Write(context, variants, cells, split, figures, plotNames, spec.Attack, attackRows, seedMeans,
            KdeLeakMeasurements.From(new(spec.Paper, spec.Claim), variants, attackRows),
            staging =>
            {
                foreach (var c in confusions)
                    HeatmapWriter.SavePng(Path.Combine(staging, c.Name), c.Title, ["member", "non-member"], ["member", "non-member"], c.Shares, "0.0", "predicted", "true (cells: % of all)", 680, 480);
            },
            confusions.Select(c => c.Name).ToList());
    }
}
