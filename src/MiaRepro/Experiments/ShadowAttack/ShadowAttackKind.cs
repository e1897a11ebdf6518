using MiaRepro.Measurements;
using System.Text.Json;
using MiaRepro.Metrics;
using MiaRepro.Plots;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>Black-box attacks on one target (Irolla 2019, Preeti &amp; Khan 2022): target and shadow models, their
/// outputs, the shadow-model, CCR and threshold attacks, per variant and seed, then the claim's assertions.</summary>
public sealed class ShadowAttackKind : IClaimKind
{
    public string Name => "shadow-attack";

    public void Validate(ExperimentSpec spec)
    {
        foreach (var part in new[] { Attacks.EvaluationDraw.MembersPart, Attacks.EvaluationDraw.NonMembersPart })
            if (!spec.Split.ContainsKey(part)) throw new ArgumentException($"split:{part} is missing: the target trains on \"members\" and is evaluated against \"nonMembers\".");
        spec.Shadows.Validate(spec.Split);
        spec.ShadowAttack.Validate();
        spec.Shadows.Construction?.Validate(spec.ShadowAttack.Release, spec.ShadowAttack.Distillation);
        spec.Evaluation.Validate();
    }

    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset) =>
        ShadowAttackJobs.Planned(variants, dataset);

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var spec = variants[0];
        var run = new ShadowAttackRunner(context.Settings) { Log = context.Log, OnEpoch = context.OnEpoch, OnModel = context.Used }.Run(variants);
        var names = variants.Select(v => v.Variant).ToList();
        var figures = new List<Figure>();
        var plotNames = new List<string>();
        foreach (var v in names)
        {
            figures.Add(ShadowAttackFigures.Roc(v, run.Scores));
            plotNames.Add($"roc-{v}.png");
            foreach (var s in run.Scores.Where(s => s.Variant == v && s.Attack == ShadowAttackSpec.ShadowLoss))
            {
                figures.Add(ShadowAttackFigures.LossDensity($"loss under the shadows (never trained on them), {v} (Li et al. Fig. 6)", s.Scores));
                plotNames.Add($"similarity-loss-density-{v}.png");
            }
            foreach (var s in run.Scores.Where(s => s.Variant == v && s.Attack == ShadowAttackSpec.Shadow))
            {
                figures.Add(MembershipFigures.ScoreHistogram($"shadow-model attack scores, {v}", s.Scores));
                plotNames.Add($"scores-{v}.png");
                if (v != names[0]) continue;   // per class for the first variant only: ten plots per variant would swamp the folder
                foreach (var (c, figure) in ClassScoreHistograms.PerClass($"shadow-model attack scores, {v}", new(s.Scores, s.Classes)))
                {
                    figures.Add(figure);
                    plotNames.Add($"scores-{v}-class{c}.png");
                }
            }
        }
        if (names.Count > 1)
            foreach (var metric in new[] { "accuracy", "precision", "recall", "f1" })
            {
                figures.Add(ShadowAttackFigures.MetricVsVariant(metric, names, run.Targets, run.Rows));
                plotNames.Add($"{metric}-by-variant.png");
                if (ShadowAttackFigures.MetricVsTemperature(metric, variants, run.Targets, run.Rows) is { } byT)
                {
                    figures.Add(byT);
                    plotNames.Add($"{metric}-by-temperature.png");
                }
            }
        var summary = names.SelectMany(v => run.Rows.Where(r => r.Variant == v).Select(r => r.Attack).Distinct().Select(a => new
        {
            variant = v, attack = a,
            accuracy = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, "accuracy"),
            precision = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, "precision"),
            recall = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, "recall"),
            f1 = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, "f1"),
            auc = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, "auc"),
            tprAt1PctFpr = ShadowAttackStats.Measure(run.Targets, run.Rows, v, a, MetricUnits.TprAtFpr(0.01)),
        })).ToList();
        var targetSummary = names.Select(v => new
        {
            variant = v,
            train = ShadowAttackStats.Measure(run.Targets, run.Rows, v, "", "target-train"),
            test = ShadowAttackStats.Measure(run.Targets, run.Rows, v, "", "target-test"),
        }).ToList();
        var info = context.Info(spec, run.Targets.Sum(t => t.ModelsTrained), run.Targets.Sum(t => t.ModelsCached));
        var (metrics, outcome, table) = ClaimContext.Judge(spec, new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, v.Dataset, model = v.Model.ToString(), v.Training, v.Split, v.Shadows, v.ShadowAttack, v.Evaluation }),
            targets = targetSummary, attacks = summary,
            spec.PaperValues, spec.Notes,
            perSeed = new { targets = run.Targets, attacks = run.Rows }, pooledClasses = run.PooledClasses,
        }, ShadowAttackMeasurements.From(new(spec.Paper, spec.Claim), variants, run.Targets, run.Rows));
        var (dir, runDir, splitJson) = context.Write(spec, metrics, table, info, run.Splits, figures, plotNames, staging =>
        {
            foreach (var s in run.Scores)
                ConfusionMatrixWriter.SavePng(ConfusionMatrixFigure.Membership($"{s.Attack} attack, {s.Variant} (seed {spec.Seeds[0]})", s.Decisions),
                    Path.Combine(staging, $"confusion-{s.Variant}-{s.Attack}.png"));
            // Table 2: what the shadows call the test images, the left-out classes' rows among them.
            foreach (var (v, counts) in run.UnseenClassConfusion)
                ConfusionMatrixWriter.SavePng(new ConfusionMatrixFigure(
                        $"{v}: shadows never shown {string.Join(", ", spec.Shadows.WithoutClasses ?? [])}, on the test set (seed {spec.Seeds[0]}, {spec.Shadows.Count} summed)",
                        Labels(counts.Length), Labels(counts.Length), counts),
                    Path.Combine(staging, $"confusion-{v}-shadows-test-classes.png"), 760, 600);
        });
        plotNames.AddRange(run.Scores.Select(s => $"confusion-{s.Variant}-{s.Attack}.png"));
        plotNames.AddRange(run.UnseenClassConfusion.Keys.Select(v => $"confusion-{v}-shadows-test-classes.png"));
        static string[] Labels(int n) => Enumerable.Range(0, n).Select(c => c.ToString()).ToArray();
        return new(spec, outcome, dir, plotNames.Select(p => Path.Combine(runDir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }

}
