using MiaRepro.Measurements;
using MiaRepro.Scoring;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.Lira;

/// <summary>Carlini et al. 2022's LiRA claims: M models on balanced random halves of a pool, every many-model attack
/// leave-one-model-out (LiRA online/offline, RMIA, global thresholds), LiRA against the number of reference models, and
/// the shuffled-keep control on the same outputs. Several variants are privacy budgets (<see cref="RunBudgets"/>).</summary>
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
            IEnumerable<Training.PlannedModel> Set(int models, int seed) =>
                LiraMembers.Jobs(data.Sha256, split, Attacks.LikelihoodRatio.BalancedKeep.Create(models, examples, seed), spec, seed).Select(m => new Training.PlannedModel(m.Job, m.In.Length));
            return spec.Seeds.SelectMany(seed => Set(spec.Lira.Models, seed)
                .Concat(spec.Lira.Targets > 0 ? Set(spec.Lira.Targets, seed + LiraRunner.SeparateTargetSeeds) : []));
        })];
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        if (variants.Count > 1) return RunBudgets(context, variants);
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
        }, LiraMeasurements.From(new(spec.Paper, spec.Claim), spec.Variant, target, run.Members, run.Rows, run.HeavyTail));
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

    /// <summary>Variants as privacy budgets: each a set of DP-SGD members on the same pool, attacked alike; the figures
    /// are the privacy–utility curve and LiRA's ROC per budget.</summary>
    static ClaimResult RunBudgets(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var first = variants[0];
        foreach (var v in variants)
            if (v.Training.Dp is null || v.Dataset != first.Dataset || v.SplitSeed != first.SplitSeed || v.Split[LiraSpec.PoolPart].Size != first.Split[LiraSpec.PoolPart].Size)
                throw new ExperimentException($"{first.Paper}/{first.Claim}: variant '{v.Variant}' — a lira claim's variants are privacy budgets of one pool: " +
                                              "each sets training:dp (epsilon, or noiseMultiplier 0) and none changes the dataset or split.");
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
        }, runs.SelectMany(r => LiraMeasurements.From(scope, r.Spec.Variant, target, r.Run.Members, r.Run.Rows, r.Run.HeavyTail, r.Spec.Training.Dp)));
        var curve = runs.Select(r => (r.Spec.Training.Dp!, r.Run.Rows, r.Run.Members)).ToList();
        List<Figure> figures =
        [
            .. LiraRunner.Fprs.Select(fpr => LiraBudgetFigures.TprVsEpsilon(curve, fpr)),
            LiraBudgetFigures.AccuracyVsEpsilon(curve),
            MembershipFigures.ThinnedRoc($"LiRA online (global σ) per privacy budget, {first.Lira.Models} models on a {pool}-image pool (seed {first.Seeds[0]})",
                runs.Select(r => (LiraBudgetFigures.EpsilonText(r.Spec.Training.Dp!), r.Run.Curves.Single(c => c.Attack == LiraBudgetFigures.LiraLabel).Curve))),
        ];
        List<string> plotNames = [.. LiraRunner.Fprs.Select(f => $"tpr-at-{100 * f:G}pct-fpr-vs-epsilon.png"), "test-accuracy-vs-epsilon.png", "roc.png"];
        var (dir, runDir, splitJson) = context.Write(first, metrics, table, info, runs[0].Run.Split, figures, plotNames);
        return new(first, outcome, dir, plotNames.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }
}
