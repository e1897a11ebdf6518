using MiaRepro.Measurements;
using MiaRepro.Scoring;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.Lira;

/// <summary>Carlini et al. 2022's LiRA claims: M models on balanced random halves of a pool, every many-model attack
/// leave-one-model-out (LiRA online/offline, RMIA, global thresholds), LiRA against the number of reference models, and
/// the shuffled-keep control on the same outputs. Several variants are defenses of one pool (<see cref="RunDefenses"/>).</summary>
public sealed class LiraKind : IClaimKind
{
    public string Name => "lira";

    public void Validate(ExperimentSpec spec) => spec.Lira.Validate(spec);

    /// <summary>Per seed, the M members of its keep mask, then the separate targets' (<see cref="LiraRunner.Execute"/>).</summary>
    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset)
    {
        var data = dataset(variants[0].Dataset);
        var split = Data.SplitManifest.Create(data, variants[0].Split, variants[0].SplitSeed);
        var examples = split.Parts[LiraSpec.PoolPart].Indices.Length;
        return [.. variants.SelectMany(spec =>
        {
            var canaries = LiraRunner.Canaries(data, split, spec);
            // With lira:distillation each member is a teacher and its student.
            IEnumerable<Training.PlannedModel> Set(int models, int seed) =>
                LiraMembers.Jobs(data.Sha256, split, Attacks.LikelihoodRatio.BalancedKeep.Create(models, examples, seed), spec, seed, canaries).SelectMany(m =>
                    new[] { m.Job }.Concat(spec.Lira.Distillation is { } d ? [Training.Distillation.StudentJob(m.Job, d.Temperature)] : []).Select(j => new Training.PlannedModel(j, m.In.Length)));
            return spec.Seeds.SelectMany(seed => Set(spec.Lira.Models, seed)
                .Concat(spec.Lira.Targets > 0 ? Set(spec.Lira.Targets, seed + LiraRunner.SeparateTargetSeeds) : []));
        })];
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        if (variants.Count > 1) return RunDefenses(context, variants);
        var spec = variants[0];
        var run = new LiraRunner(context.Settings) { Log = context.Log, OnEpoch = context.OnEpoch, OnModel = context.Used }.Execute(spec);
        var pool = run.Split.Parts[LiraSpec.PoolPart].Indices.Length;
        var info = context.Info(spec, run.Trained, run.Cached);
        var target = $"pool {pool}, {spec.Lira.Models} models";
        var (metrics, outcome, table) = ClaimContext.Judge(spec, new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile, spec.Variant,
            spec.Dataset, model = spec.Model.ToString(), spec.Training, spec.Lira,
            target,
            members = run.Members, liraAttacks = run.Rows, liraHeavyTail = run.HeavyTail, scoreDistributions = run.Distributions,
            scoreSets = run.SetFolders.Select(Path.GetFileName),
            spec.PaperValues, spec.Notes,
        }, LiraMeasurements.From(new(spec.Paper, spec.Claim), spec.Variant, target, run.Members, run.Rows, run.HeavyTail, spec));
        var figures = new List<Figure> { MembershipFigures.ThinnedRoc($"every attack, {spec.Lira.Models} models on a {pool}-image pool, leave-one-model-out (seed {spec.Seeds[0]})", run.Curves) };
        var plotNames = new List<string> { "roc.png" };
        if (spec.Lira.ReferenceCounts.Length > 0)
            foreach (var fpr in LiraRunner.Fprs)
            {
                figures.Add(LiraFigures.TprVsReferences(run.Rows, spec.Lira.Models, fpr));
                plotNames.Add($"tpr-at-{100 * fpr:G}pct-fpr-vs-references.png");
            }
        foreach (var d in run.Distributions)
        {
            figures.Add(PhiDistributionFigure.Of(d, $"{spec.Dataset} {run.Split.Parts[LiraSpec.PoolPart].From}"));
            plotNames.Add($"phi-distribution-{d.Label.Replace(' ', '-')}.png");
        }
        var (dir, runDir, splitJson) = context.Write(spec, metrics, table, info, run.Split, figures, plotNames);
        return new(spec, outcome, dir, plotNames.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }

    /// <summary>Variants as defenses of one pool — privacy budgets (training:dp), L2 (training:l2), output releases
    /// (lira:release), distillation (lira:distillation) — each its own set of members attacked alike; figures: TPR against test accuracy per defense, for
    /// privacy budgets the privacy–utility curve, and LiRA's ROC per variant.</summary>
    static ClaimResult RunDefenses(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var first = variants[0];
        foreach (var v in variants)
            if (v.Dataset != first.Dataset || v.SplitSeed != first.SplitSeed || v.Split[LiraSpec.PoolPart].Size != first.Split[LiraSpec.PoolPart].Size || v.Lira.Canaries != first.Lira.Canaries)
                throw new ExperimentException($"{first.Paper}/{first.Claim}: variant '{v.Variant}' — a lira claim's variants are defenses of one pool " +
                                              "(training:dp, training:l2, lira:release, lira:distillation): none changes the dataset, the split or lira:canaries.");
        var runner = new LiraRunner(context.Settings) { Log = context.Log, OnEpoch = context.OnEpoch, OnModel = context.Used };
        var runs = variants.Select(v => (Spec: v, Run: runner.Execute(v))).ToList();
        var pool = runs[0].Run.Split.Parts[LiraSpec.PoolPart].Indices.Length;
        var info = context.Info(first, runs.Sum(r => r.Run.Trained), runs.Sum(r => r.Run.Cached));
        var target = $"pool {pool}, {first.Lira.Models} models";
        var scope = new ClaimScope(first.Paper, first.Claim);
        var (metrics, outcome, table) = ClaimContext.Judge(first, new
        {
            first.Paper, first.Claim, first.TestName, first.Title, first.Source, first.Profile,
            first.Dataset, model = first.Model.ToString(), first.Lira, target,
            variants = runs.Select(r => new { r.Spec.Variant, r.Spec.Training, members = r.Run.Members, liraAttacks = r.Run.Rows, scoreSets = r.Run.SetFolders.Select(Path.GetFileName) }),
            first.PaperValues, first.Notes,
        }, runs.SelectMany(r => LiraMeasurements.From(scope, r.Spec.Variant, target, r.Run.Members, r.Run.Rows, r.Run.HeavyTail, r.Spec)));
        var drawn = LiraDefenseFigures.Of([.. runs.Select(r => new LiraDefenseFigures.Variant(r.Spec, r.Run.Rows, r.Run.Members))]).ToList();
        List<Figure> figures = [.. drawn.Select(d => d.Figure)];
        List<string> plotNames = [.. drawn.Select(d => d.Name)];
        figures.Add(MembershipFigures.ThinnedRoc($"LiRA online (global σ) per variant, every example, {first.Lira.Models} models on a {pool}-image pool (seed {first.Seeds[0]})",
            runs.Select(r => (LiraDefenseFigures.DefenseText(r.Spec), r.Run.Curves.Single(c => c.Attack == LiraDefenseFigures.LiraLabel).Curve))));
        plotNames.Add("roc.png");
        var (dir, runDir, splitJson) = context.Write(first, metrics, table, info, runs[0].Run.Split, figures, plotNames);
        return new(first, outcome, dir, plotNames.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }
}
