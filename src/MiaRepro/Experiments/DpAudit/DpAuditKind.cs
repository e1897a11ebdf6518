using MiaRepro.Plots;

namespace MiaRepro.Experiments.DpAudit;

/// <summary>Privacy auditing with membership inference (Tramèr's lecture §4; Steinke, Nasr &amp; Jagielski 2023): each
/// variant (a DP-SGD setting, correct or with a planted bug) trained once per seed with gradient canaries, audited from
/// every step and from the final model, the ε lower bound beside the ε its accountant claims.</summary>
public sealed class DpAuditKind : IClaimKind
{
    public string Name => "dp-audit";

    public void Validate(ExperimentSpec spec) => spec.Audit.Validate(spec);

    /// <summary>Per variant and seed, the audited run (<see cref="DpAuditRunner.Job"/>: its key holds the canaries).</summary>
    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset)
    {
        var data = dataset(variants[0].Dataset);
        var split = Data.SplitManifest.Create(data, variants[0].Split, variants[0].SplitSeed);
        var members = split.Select(data, DpAuditSpec.MembersPart);
        var planned = new List<Training.PlannedModel>();
        foreach (var spec in variants)
        {
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            if (spec.Audit.Canary != DpAuditSpec.Gradient)
            {
                // The canaries' labels and noise follow from the members and seed alone (the mislabelled inputs are not read for a key).
                var canaryPart = spec.Audit.Canary == DpAuditSpec.Mislabelled ? split.Select(data, DpAuditSpec.CanariesPart) : null;
                Training.DpSgd.InputCanaries Canaries(int seed) => DpAuditRunner.InputCanariesOf(spec, members with { Features = x }, canaryPart, seed);
                Training.PlannedModel Planned(int seed, Training.DpSgd.InputCanaries c) =>   // the included canaries train with the members
                    new(DpAuditRunner.Job(spec, data, split, seed, c.Job), members.Count + c.Included.Count(i => i));
                planned.AddRange(spec.Seeds.Select(seed => Planned(seed, Canaries(seed))));
                if (spec.Audit.ManyRuns > 0 && Canaries(DpAuditRunner.ManyRunSeeds) is var draw)
                    planned.AddRange(Enumerable.Range(0, spec.Audit.ManyRuns).Select(r => Planned(DpAuditRunner.ManyRunSeeds + r, draw.Single(r % 2 == 0, DpAuditRunner.ManyRunSeeds))));
            }
            else
                planned.AddRange(spec.Seeds.Select(seed => new Training.PlannedModel(DpAuditRunner.Job(spec, data, split, x, members.Classes, seed).Job, members.Count))
                    .Concat(Enumerable.Range(0, spec.Audit.ManyRuns).Select(r =>
                        new Training.PlannedModel(DpAuditRunner.Job(spec, data, split, x, members.Classes, DpAuditRunner.ManyRunSeeds + r, r % 2 == 0).Job, members.Count))));
        }
        return planned;
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var first = variants[0];
        foreach (var v in variants.Skip(1))
            if (v.Dataset != first.Dataset || !v.Split.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.From, p.Value.Size)).SequenceEqual(first.Split.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.From, p.Value.Size))) || v.SplitSeed != first.SplitSeed)
                throw new ExperimentException($"{first.Paper}/{first.Claim}: variant '{v.Variant}' changes the dataset or split; a dp-audit claim's variants audit the same members.");
        var run = new DpAuditRunner(context.Settings) { Log = context.Log, OnEpoch = context.OnEpoch, OnModel = context.Used }.Execute(variants);
        var info = context.Info(first, run.Trained, run.Cached);
        var target = $"{first.Model} on {run.Members} {first.Dataset} members, {first.Audit.Canaries} gradient canaries";
        var (metrics, outcome, table) = ClaimContext.Judge(first, new
        {
            first.Paper, first.Claim, first.TestName, first.Title, first.Source, first.Profile,
            first.Dataset, model = first.Model.ToString(), variants = variants.Select(v => new { v.Variant, v.Training, v.Audit, v.Seeds }),
            target, audits = run.Runs, manyRuns = run.ManyRuns.Select(m => new { m.Variant, m.Attack, m.Observe, byRuns = m.ByRuns.Select(r => new { r.Runs, r.Threshold, r.Counts, epsilon = r.Bound.Epsilon }) }), first.PaperValues, first.Notes,
        }, DpAuditMeasurements.From(new(first.Paper, first.Claim), target, run.Runs, run.ManyRuns));
        var figures = new List<Figure>();
        var plotNames = new List<string>();
        foreach (var audited in run.Runs.GroupBy(r => r.Variant).Select(g => g.First()))
            foreach (var audit in audited.Audits)
            {
                figures.Add(MembershipFigures.ScoreHistogram(
                    $"{audited.Variant}, seed {audited.Seed}: canary scores seen {audit.Observe} (in = included; ε ≥ {audit.EpsilonLowerBound:F2}, claimed {audited.Claimed.Epsilon:F2})",
                    audit.Scores!));
                plotNames.Add($"scores-{audited.Variant}-{audit.Observe}.png");
            }
        if (run.ManyRuns.Count > 0)
        {
            figures.Add(DpAuditFigures.BoundVsRuns(run.Runs, run.ManyRuns, first.Audit.Confidence));
            plotNames.Add("epsilon-bound-vs-runs.png");
        }
        var (dir, runDir, splitJson) = context.Write(first, metrics, table, info, run.Split, figures, plotNames);
        return new(first, outcome, dir, plotNames.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }
}
