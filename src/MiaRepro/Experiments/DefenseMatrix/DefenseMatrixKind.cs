using MiaRepro.Measurements;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>Every defense (L2, distillation, top-k, rounding, label-only) against every attack (KDE, loss threshold,
/// CCR) on the l2-sweep's undefended target, with each defense's utility cost.</summary>
public sealed class DefenseMatrixKind : IClaimKind
{
    public string Name => "defense-matrix";

    public void Validate(ExperimentSpec spec)
    {
        Sweep.ValidateLambdas(spec);
        spec.DefenseMatrix.Validate();
    }

    /// <summary>Per variant, at its first seed: the undefended target (λ = 0), a model per "l2" defense and a student per
    /// "distillation" defense, as <see cref="DefenseMatrixRunner.Run"/> trains them; output defenses train nothing.</summary>
    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset)
    {
        var data = dataset(variants[0].Dataset);
        var split = Data.SplitManifest.Create(data, variants[0].Split, variants[0].SplitSeed);
        var members = split.Parts["members"].Indices.Length;
        var models = new List<Training.PlannedModel>();
        foreach (var spec in variants)
        {
            var target = L2SweepRunner.Job(data.Sha256, split, spec, 0, spec.Seeds[0]);
            models.Add(new(target, members));
            foreach (var defense in spec.DefenseMatrix.Defenses)
                if (defense.Name == "l2") models.Add(new(L2SweepRunner.Job(data.Sha256, split, spec, defense.Lambda, spec.Seeds[0]), members));
                else if (defense.Name == "distillation") models.Add(new(Training.Distillation.StudentJob(target, defense.Temperature), members));
        }
        return models;
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var spec = variants[0];
        var run = new DefenseMatrixRunner(context.Settings) { Log = context.Log, OnEpoch = context.OnEpoch, OnModel = context.Used }.Run(variants);
        var info = context.Info(spec, run.Trained, run.Cached);
        var heatmaps = new List<string>();
        var (metrics, outcome, table) = ClaimContext.Judge(spec, new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, model = v.Model.ToString(), v.Training, v.Split }),
            matrix = spec.DefenseMatrix, utility = run.Utility, cells = run.Cells,
            spec.Notes,
        }, DefenseMatrixMeasurements.From(new(spec.Paper, spec.Claim), variants, run.Utility, run.Cells));
        var (dir, runDir, splitJson) = context.Write(spec, metrics, table, info, run.Split, [], [], staging =>
        {
            foreach (var v in variants)
            // File names keep the words the committed results use ("tpr-at-1pct-fpr"); the metric is the registry's.
            foreach (var (metric, file, title) in new[] { ("advantage", "advantage", "advantage TPR − FPR (%)"), (MetricUnits.TprAtFpr(0.01), "tpr-at-1pct-fpr", "TPR at 1% FPR (%)") })
            {
                var rows = spec.DefenseMatrix.Defenses.Select(d => d.Label).ToList();
                var name = $"heatmap-{v.Variant}-{file}.png";
                HeatmapWriter.SavePng(Path.Combine(staging, name), $"{v.Variant}: {title}, held-out, leak {spec.DefenseMatrix.LeakPercent:G}%",
                    rows.Select(d => $"{d} (test {run.Utility.First(u => u.Variant == v.Variant && u.Defense == d).TestAccuracy:F1}%)").ToList(),
                    spec.DefenseMatrix.Attacks,
                    rows.Select(d => spec.DefenseMatrix.Attacks.Select(a => run.Cells.First(c => c.Variant == v.Variant && c.Defense == d && c.Attack == a)
                        [metric]?.Mean ?? double.NaN).ToArray()).ToArray(),
                    "0.0", "attack", "defense (utility: test accuracy)", 760, 520);
                heatmaps.Add(name);
            }
        });
        return new(spec, outcome, dir, heatmaps.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }
}
