using MiaRepro.Scoring;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.Lira;

/// <summary>Carlini et al. 2022's LiRA claims: M models on balanced random halves of a pool, every many-model attack
/// leave-one-model-out (LiRA online/offline, RMIA, global thresholds), LiRA against the number of reference models, and
/// the shuffled-keep control on the same outputs.</summary>
public sealed class LiraKind : IClaimKind
{
    public string Name => "lira";

    public void Validate(ExperimentSpec spec) => spec.Lira.Validate(spec);

    /// <summary>Per seed, the M members of its keep mask, then the separate targets' (<see cref="LiraRunner.Execute"/>).</summary>
    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset)
    {
        var spec = variants[0];
        var data = dataset(spec.Dataset);
        var split = Data.SplitManifest.Create(data, spec.Split, spec.SplitSeed);
        var examples = split.Parts[LiraSpec.PoolPart].Indices.Length;
        IEnumerable<Training.PlannedModel> Set(int models, int seed) =>
            LiraMembers.Jobs(data.Sha256, split, Attacks.LikelihoodRatio.BalancedKeep.Create(models, examples, seed), spec, seed).Select(m => new Training.PlannedModel(m.Job, m.In.Length));
        return [.. spec.Seeds.SelectMany(seed => Set(spec.Lira.Models, seed)
            .Concat(spec.Lira.Targets > 0 ? Set(spec.Lira.Targets, seed + LiraRunner.SeparateTargetSeeds) : []))];
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        if (variants.Count != 1)
            throw new ExperimentException($"{variants[0].Paper}/{variants[0].Claim}: a lira claim has one variant (the control is a shuffled keep mask, not a variant), not {variants.Count}.");
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
}
