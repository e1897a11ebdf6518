using MiaRepro.Measurements;
using MiaRepro.Attacks;
using MiaRepro.Attacks.AttackModels;
using MiaRepro.Defenses;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using TorchSharp;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>The attacks a shadow-attack run applies to the target, each calibrated on the shadows' outputs, and the
/// row of metrics each gives.</summary>
static class ShadowAttackAttacks
{
    public static (AttackOutcome, string) ShadowModel(ExperimentSpec spec, List<ShadowAttackData.ShadowQuery> queries, TargetEvaluation target, int seed,
        Dictionary<string, IReadOnlyList<int>> pooled)
    {
        var a = spec.ShadowAttack;
        var data = ShadowAttackData.From(a.Features, queries, a.TpOnly);
        IAttackModel model = a.Model switch
        {
            "mlp" => new MlpAttackModel(a.Mlp),
            "svm" => new SvmAttackModel(a.Svm),
            _ => throw new ArgumentException($"shadowAttack:model '{a.Model}' is unknown: use \"mlp\" or \"svm\"."),
        };
        var fitted = ShadowModelAttack.Fit(data, model, a.Features, queries[0].In.Classes, seed);
        pooled[$"{spec.Variant} seed {seed}"] = fitted.PooledClasses;
        var chosen = model is SvmAttackModel svm ? $"; (C, γ) chosen per class: {string.Join(" ", svm.Chosen.Select(p => $"({p.C:G},{p.Gamma:G})"))}" +
                                                   (a.Svm.MaxTrainPerLabel > 0 ? $", at most {a.Svm.MaxTrainPerLabel} rows per label and class" : "") : "";
        var detail = $"{spec.Shadows.Count} shadows, {data.Count} attack rows{(a.TpOnly ? " (TP-only)" : "")}, features {a.Features}, per-class {a.Model}{chosen}" +
                     (fitted.PooledClasses.Count > 0 ? $"; classes {string.Join(",", fitted.PooledClasses)} used the pooled model" : "");
        return (fitted.Apply(target), detail);
    }

    /// <summary>A threshold attack (loss, confidence, entropy, …) calibrated on every shadow's in/out outputs, applied to the target.</summary>
    public static (AttackOutcome, string) Threshold(ExperimentSpec spec, string name, List<ShadowAttackData.ShadowQuery> queries, TargetEvaluation target)
    {
        var (attack, detail) = Calibrated(spec, SignalRegistry.Get(name), queries);
        return (attack.Apply(target), detail);
    }

    /// <summary>Li et al.'s §5.5 signal: the evaluation examples' loss under the shadows (none trained on them), with the
    /// loss attack's threshold; each shadow's raw outputs go through the same release and TP-only filter as the target's.</summary>
    public static (AttackOutcome, string) ShadowLossOnTarget(ExperimentSpec spec, List<ShadowAttackData.ShadowQuery> queries, List<torch.Tensor[]> shadowsOnEvaluation,
        long[][] kept, OutputDefense? release, TargetEvaluation target)
    {
        var (attack, detail) = Calibrated(spec, SignalRegistry.Loss, queries);
        var logits = shadowsOnEvaluation.Select(parts => torch.cat(parts.Select((z, p) =>
        {
            using var released = TargetOutputs.Released(release, z.alias());
            using var index = torch.tensor(kept[p], torch.int64);
            return released.index_select(0, index);
        }).ToList(), 0)).ToList();
        try
        {
            return (ShadowLossAttack.Apply(attack, logits, target.Labels, target.IsMember),
                $"mean loss under {logits.Count} shadow(s) on the target's evaluation examples; loss {detail}");
        }
        finally { logits.ForEach(t => t.Dispose()); }
    }

    static (ThresholdAttack Attack, string Detail) Calibrated(ExperimentSpec spec, Signal signal, List<ShadowAttackData.ShadowQuery> queries)
    {
        var reference = ReferenceScores.Combine(queries.SelectMany(q => new[]
        {
            ReferenceScores.FromShadowOutputs(signal, q.In.Features, q.In.Labels, Enumerable.Repeat(true, (int)q.In.Count).ToArray()),
            ReferenceScores.FromShadowOutputs(signal, q.Out.Features, q.Out.Labels, Enumerable.Repeat(false, (int)q.Out.Count).ToArray()),
        }));
        var attack = ThresholdAttack.Calibrate(reference, new ThresholdAttackOptions(PerClass: spec.ShadowAttack.ThresholdPerClass));
        return (attack, $"threshold {(spec.ShadowAttack.ThresholdPerClass ? "per class" : attack.GlobalThreshold.ToString("G4"))} chosen on {reference.Count} shadow outputs " +
                        $"(balanced accuracy there {100 * attack.OnReference.BalancedAccuracy:F1}%)");
    }

    public static ShadowAttackRow Measure(string variant, int seed, string attack, AttackOutcome outcome, string detail)
    {
        var counts = outcome.Decisions.Counts;
        var report = MembershipReport.From(outcome.Scores, new MembershipReportOptions { TargetFprs = MembershipReportOptions.MeasuredFprs, BootstrapResamples = 0 });
        // Irolla reports the mean over per-class attack models, each tested on a balanced set: per-class balanced accuracy.
        var perClass = outcome.TrueClasses.Distinct().Order().Select(c =>
        {
            var idx = Enumerable.Range(0, outcome.TrueClasses.Length).Where(i => outcome.TrueClasses[i] == c).ToArray();
            int tp = 0, fn = 0, tn = 0, fp = 0;
            foreach (var i in idx)
            {
                if (outcome.Scores.IsMember[i]) { if (outcome.CalledMember[i]) tp++; else fn++; }
                else if (outcome.CalledMember[i]) fp++; else tn++;
            }
            return tp + fn == 0 || tn + fp == 0 ? (double?)null : ((double)tp / (tp + fn) + (double)tn / (tn + fp)) / 2;
        }).Where(v => v is not null).Select(v => v!.Value).ToList();
        List<MetricValue> metrics =
        [
            .. report.TprAtFpr.Select(p => new MetricValue(MetricUnits.TprAtFpr(p.TargetFpr), 100 * p.Tpr)),
            new("members", counts.Members), new("non-members", counts.NonMembers),
            new("accuracy", 100 * counts.Accuracy), new("balanced-accuracy", 100 * (counts.Tpr + counts.Tnr) / 2),
            new("precision", 100 * outcome.Decisions.Precision), new("recall", 100 * counts.Tpr), new("advantage", 100 * (counts.Tpr - counts.Fpr)),
            new("auc", 100 * report.Auc),
        ];
        if (perClass.Count > 0) metrics.Add(new("class-mean-accuracy", 100 * perClass.Average()));
        metrics.Add(new("optimistic-accuracy", 100 * outcome.OptimisticBest.Accuracy));
        metrics.Add(new("f1", outcome.Decisions.F1));
        return new(variant, seed, attack, metrics, detail);
    }
}
