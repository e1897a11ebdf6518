using MiaRepro.Attacks;
using MiaRepro.Attacks.AttackModels;
using MiaRepro.Data;
using MiaRepro.Defenses;
using MiaRepro.Metrics;
using MiaRepro.Models;
using MiaRepro.Outputs;
using MiaRepro.Runtime;
using MiaRepro.Signals;
using MiaRepro.Training;
using TorchSharp;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// dataset → split → target and shadows (trained once, cached: shadows are keyed by their data, so every claim with the
/// same shadows shares them) → outputs on the target's evaluation set and on each shadow's in/out data → attacks →
/// metrics, per variant × seed.
/// </summary>
public sealed class ShadowAttackRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    /// <summary>Told of every model the run uses, from the store (its provenance goes to run.json).</summary>
    public Action<TrainedModel>? OnModel { get; init; }

    public ShadowAttackRun Run(IReadOnlyList<ExperimentSpec> variants)
    {
        var device = TorchRuntime.ResolveDevice(settings.Device);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var commit = RunInfo.HeadLabel(settings.Root);
        var cache = new ModelCache(settings.Cache, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => Log?.Invoke(m), OnModel = OnModel };
        var store = OutputStore.InCache(settings.Cache);
        var provenance = OutputProvenance.Now(device.ToString(), commit);
        var targets = new List<TargetRow>();
        var rows = new List<ShadowAttackRow>();
        var splits = new Dictionary<string, SplitManifest>();
        var scores = new List<AttackScores>();
        var pooled = new Dictionary<string, IReadOnlyList<int>>();
        var unseenConfusion = new Dictionary<string, int[][]>();

        foreach (var spec in variants)
        {
            var dataset = DatasetLoader.Load(spec.Dataset, settings.Data);
            var split = SplitManifest.Create(dataset, spec.Split, spec.SplitSeed);
            splits[spec.Variant] = split;
            var without = spec.Shadows.WithoutClasses is { Length: > 0 } w ? w : null;
            // Table 2: the shadows draw from their pools without the removed classes; the target's parts stay as they are.
            var shadowSplit = without is null ? split : UnseenClasses.ShadowPools(split, dataset, spec.Shadows);
            var members = split.Select(dataset, EvaluationDraw.MembersPart);
            var nonMembers = split.Select(dataset, EvaluationDraw.NonMembersPart);
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xOut = spec.Training.Preprocessing.Apply(nonMembers.Features);

            foreach (var seed in spec.Seeds)
            {
                var label = $"{spec.Variant} seed {seed}";
                int trained = 0, cached = 0;
                // The target: trained on "members", tested on "nonMembers".
                var targetJob = ShadowAttackJobs.Target(spec, dataset.Sha256, split, seed);
                var trainedTarget = cache.GetOrTrain(targetJob,
                    () => { torch.manual_seed(seed); return spec.Model.Build(x.shape[1..], members.Classes); },
                    m => new Trainer(spec.Training, device) { OnEpoch = e => OnEpoch?.Invoke($"{label} target", e) }.Train(m, members with { Features = x }, nonMembers with { Features = xOut }, seed));
                var (target, history, fromCache) = trainedTarget;
                if (fromCache) cached++; else trained++;
                var distillation = spec.ShadowAttack.Distillation;
                string teacherNote = "";
                if (distillation is not null)
                {
                    teacherNote = $" (its teacher: train {history[^1].TrainAccuracy:F2}% test {history[^1].TestAccuracy:F2}%)";
                    trainedTarget = Distilled(cache, targetJob, target, distillation, members with { Features = x },
                        nonMembers with { Features = xOut }, device, e => OnEpoch?.Invoke($"{label} target student", e));
                    (target, history, fromCache) = trainedTarget;
                    if (fromCache) cached++; else trained++;
                }

                var release = spec.ShadowAttack.Release?.Output(members.Classes);
                // The evaluation set: drawn from the target's split only (drawn here: the shadow-loss attack queries each shadow on it).
                var evaluationDraw = EvaluationDraw.Draw(split, spec.Evaluation.Members, spec.Evaluation.NonMembers, seed);
                var shadowLoss = spec.ShadowAttack.Attacks.Contains(ShadowAttackSpec.ShadowLoss);
                var shadowsOnEvaluation = new List<torch.Tensor[]>();
                // Shadows: like the target, on their own draws from the shadow pools.
                var shadowTraining = ShadowAttackJobs.Training(spec);
                var queries = new List<ShadowAttackData.ShadowQuery>();
                var shadowAccuracies = new List<(double Train, double Test)>();
                var unseenAccuracies = new List<double>();
                foreach (var (draw, j) in ShadowDraw.Create(spec.Shadows, shadowSplit, seed).Select((d, j) => (d, j)))
                {
                    var sIn = dataset.Part(draw.InSource).Select(draw.In);
                    var sOut = dataset.Part(draw.OutSource).Select(draw.Out);
                    using var xsIn = spec.Training.Preprocessing.Apply(sIn.Features);
                    using var xsOut = spec.Training.Preprocessing.Apply(sOut.Features);
                    var shadowJob = ShadowAttackJobs.Shadow(spec, dataset.Sha256, draw, seed, j);
                    var shadowSeed = shadowJob.Seed;
                    ShadowOverlap.Require(draw, split);
                    var construction = spec.Shadows.Construction;
                    var trainedShadow = construction is { Distilled: true }
                        // l-Leaks: the same job with the target as its teacher (same data and seed as the label-trained shadow).
                        ? Distillation.Train(cache, shadowJob with { Teacher = LLeaksShadow.Teacher(trainedTarget.Key, construction) },
                            () => LLeaksShadow.TargetOutputs(store, trainedTarget.Key, target, sIn, xsIn, shadowJob.Members, dataset.Sha256, construction, provenance),
                            sIn with { Features = xsIn }, sOut with { Features = xsOut }, device, e => OnEpoch?.Invoke($"{label} shadow {j} ({construction.Kind})", e))
                        : cache.GetOrTrain(shadowJob,
                            () => { torch.manual_seed(shadowSeed); return shadowJob.Model.Build(xsIn.shape[1..], members.Classes); },
                            m => new Trainer(shadowTraining, device) { OnEpoch = e => OnEpoch?.Invoke($"{label} shadow {j}", e) }
                                .Train(m, sIn with { Features = xsIn }, sOut with { Features = xsOut }, shadowSeed));
                    var (shadow, shadowHistory, shadowCached) = trainedShadow;
                    if (shadowCached) cached++; else trained++;
                    if (distillation is not null)
                    {
                        trainedShadow = Distilled(cache, shadowJob, shadow, distillation,
                            sIn with { Features = xsIn }, sOut with { Features = xsOut }, device, e => OnEpoch?.Invoke($"{label} shadow {j} student", e));
                        (shadow, shadowHistory, shadowCached) = trainedShadow;
                        if (shadowCached) cached++; else trained++;
                    }
                    // Outputs on its own in and out examples, through the output store; the release applies to what is read back.
                    var shadowOutputs = PartedOutputs.GetOrQuery(store, trainedShadow.Key, "shadow in+out", dataset.Sha256, JobKey.Of(new { shadowJob.Members, shadowJob.NonMembers }),
                        [sIn.Labels, sOut.Labels], () => [Evaluation.Logits(shadow, xsIn), Evaluation.Logits(shadow, xsOut)], provenance);
                    queries.Add(new(sIn with { Features = Released(release, shadowOutputs[0]) }, sOut with { Features = Released(release, shadowOutputs[1]) }));
                    if (shadowLoss) shadowsOnEvaluation.Add(EvaluationOutputs(store, trainedShadow.Key, provenance, shadow, split, dataset, evaluationDraw, spec));
                    if (without is not null)
                    {
                        var (truth, predicted) = UnseenClasses.OnTestPart(store, trainedShadow.Key, shadow, dataset, spec.Training.Preprocessing, provenance);
                        unseenAccuracies.Add(UnseenClasses.Accuracy(truth, predicted, without));
                        if (seed == spec.Seeds[0]) AddConfusion(unseenConfusion, spec.Variant, truth, predicted, members.Classes);
                    }
                    shadowAccuracies.Add((shadowHistory[^1].TrainAccuracy, shadowHistory[^1].TestAccuracy));
                    shadow.Dispose();
                    sIn.Features.Dispose(); sOut.Features.Dispose();
                }
                Log?.Invoke($"{label}: {(distillation is null ? "target" : $"distilled target (T={distillation.Temperature:G})")} " +
                            $"train {history[^1].TrainAccuracy:F2}% test {history[^1].TestAccuracy:F2}%{teacherNote}; " +
                            $"{(distillation is null ? "target" : "teachers and students of target")} + {spec.Shadows.Count} shadows: {trained} trained, {cached} from the cache" +
                            (release is null ? "" : $"; every output released as {release.Name}"));
                double? targetUnseen = null;
                if (without is not null)
                {
                    var (truth, predicted) = UnseenClasses.OnTestPart(store, trainedTarget.Key, target, dataset, spec.Training.Preprocessing, provenance);
                    targetUnseen = UnseenClasses.Accuracy(truth, predicted, without);
                    Log?.Invoke($"{label}: on the test images of class(es) {string.Join(", ", without)}, left out of the shadows' data: " +
                                $"shadows {string.Join(" ", unseenAccuracies.Select(a => $"{a:F1}%"))}, target {targetUnseen:F1}%");
                }
                targets.Add(new(spec.Variant, seed, history[^1].TrainAccuracy, history[^1].TestAccuracy,
                    shadowAccuracies.Average(a => a.Train), shadowAccuracies.Average(a => a.Test), trained, cached)
                {
                    ShadowUnseenClassAccuracy = without is null ? null : unseenAccuracies.Average(), TargetUnseenClassAccuracy = targetUnseen,
                });

                var (logits, labels, isMember, kept) = Query(store, trainedTarget.Key, provenance, target, split, dataset, evaluationDraw, spec, release);
                target.Dispose();
                var evaluation = new TargetEvaluation(logits, labels, isMember);

                foreach (var attack in spec.ShadowAttack.Attacks)
                {
                    var (outcome, detail) = attack switch
                    {
                        "shadow" => ShadowModel(spec, queries, evaluation, seed, pooled),
                        "ccr" => (CorrectClassificationRule.Apply(evaluation), "member iff the target predicts the true label"),
                        ShadowAttackSpec.ShadowLoss => ShadowLossOnTarget(spec, queries, shadowsOnEvaluation, kept, release, evaluation),
                        _ => Threshold(spec, attack, queries, evaluation),
                    };
                    rows.Add(Measure(spec.Variant, seed, attack, outcome, detail));
                    if (seed == spec.Seeds[0]) scores.Add(new(spec.Variant, attack, outcome.Scores, outcome.TrueClasses, outcome.Decisions.Counts));
                    Log?.Invoke($"{label}: {attack} attack accuracy {rows[^1].Accuracy:F2}% (AUC {rows[^1].Auc:F3})");
                }
                foreach (var q in queries) { q.In.Features.Dispose(); q.Out.Features.Dispose(); }
                foreach (var t in shadowsOnEvaluation.SelectMany(t => t)) t.Dispose();
                logits.Dispose(); labels.Dispose();
            }
        }
        return new(targets, rows, splits, scores, pooled) { UnseenClassConfusion = unseenConfusion };
    }

    /// <summary>Adds one shadow's test-part predictions to its variant's confusion counts [true][predicted].</summary>
    static void AddConfusion(Dictionary<string, int[][]> confusion, string variant, int[] truth, int[] predicted, int classes)
    {
        if (!confusion.TryGetValue(variant, out var counts))
            confusion[variant] = counts = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (var i = 0; i < truth.Length; i++) counts[truth[i]][predicted[i]]++;
    }

    /// <summary>The student of <paramref name="teacher"/> (consumed), cached under a key naming the teacher's.</summary>
    static TrainedModel Distilled(ModelCache cache, TrainingJob teacherJob, torch.nn.Module<torch.Tensor, torch.Tensor> teacher,
        DistillationSpec distillation, LabelledData members, LabelledData nonMembers, torch.Device device, Action<EpochRecord> onEpoch)
    {
        try
        {
            return Distillation.Student(cache, teacherJob, () => Evaluation.Logits(teacher, members.Features), distillation.Temperature,
                members, nonMembers, device, onEpoch);
        }
        finally { teacher.Dispose(); }
    }

    /// <summary>Logits as released: through <paramref name="release"/> when there is one (log of the released probabilities,
    /// in the logits' dtype so every attack reads them unchanged); <paramref name="logits"/> is consumed.</summary>
    static torch.Tensor Released(OutputDefense? release, torch.Tensor logits)
    {
        if (release is null) return logits;
        using var released = release.Release(logits);
        var result = released.to(logits.dtype, logits.device);
        logits.Dispose();
        return result;
    }

    /// <summary>The target's released logits on the evaluation set (members then non-members), optionally only those it
    /// classifies correctly (as the attacker sees: by the released output).</summary>
    static (torch.Tensor Logits, torch.Tensor Labels, bool[] IsMember, long[][] Kept) Query(OutputStore store, string targetKey, OutputProvenance provenance,
        torch.nn.Module<torch.Tensor, torch.Tensor> target, SplitManifest split, Dataset dataset, EvaluationDraw draw, ExperimentSpec spec, OutputDefense? release)
    {
        var parts = new[] { (EvaluationDraw.MembersPart, draw.MemberIndices, true), (EvaluationDraw.NonMembersPart, draw.NonMemberIndices, false) };
        var data = EvaluationData(split, dataset, draw);
        // The target's raw outputs on this evaluation draw; the release and TP-only filter apply to what is read back.
        var raw = EvaluationOutputs(store, targetKey, provenance, target, split, dataset, draw, spec);
        var logits = new List<torch.Tensor>();
        var labels = new List<torch.Tensor>();
        var isMember = new List<bool>();
        var keptPerPart = new long[parts.Length][];
        for (var p = 0; p < parts.Length; p++)
        {
            var (_, indices, member) = parts[p];
            var z = Released(release, raw[p]);
            data[p].Features.Dispose();
            var keep = spec.Evaluation.TpOnly ? ShadowAttackData.Correct(data[p] with { Features = z }) : Enumerable.Repeat(true, indices.Length).ToArray();
            var kept = keptPerPart[p] = Enumerable.Range(0, keep.Length).Where(i => keep[i]).Select(i => (long)i).ToArray();
            using var index = torch.tensor(kept, torch.int64);
            logits.Add(z.index_select(0, index));
            labels.Add(data[p].Labels.index_select(0, index));
            isMember.AddRange(Enumerable.Repeat(member, kept.Length));
            z.Dispose(); data[p].Labels.Dispose();
        }
        if (isMember.Count(m => m) == 0 || isMember.Count(m => !m) == 0)
            throw new ArgumentException($"The evaluation set has {isMember.Count(m => m)} member(s) and {isMember.Count(m => !m)} non-member(s) " +
                                        $"{(spec.Evaluation.TpOnly ? "after keeping only correctly classified examples " : "")}: an attack needs both.");
        var result = (torch.cat(logits, 0), torch.cat(labels, 0), isMember.ToArray(), keptPerPart);
        logits.ForEach(t => t.Dispose()); labels.ForEach(t => t.Dispose());
        return result;
    }

    /// <summary>The evaluation draw's examples, members then non-members (features not preprocessed; the caller disposes).</summary>
    static LabelledData[] EvaluationData(SplitManifest split, Dataset dataset, EvaluationDraw draw) =>
        [dataset.Part(split.Parts[EvaluationDraw.MembersPart].From).Select(draw.MemberIndices),
         dataset.Part(split.Parts[EvaluationDraw.NonMembersPart].From).Select(draw.NonMemberIndices)];

    /// <summary>A model's raw logits on the evaluation draw (members, non-members), through the output store: keyed by the
    /// model and the draw (claims sharing a model may draw differently). The target's, or a shadow's for shadow-loss.</summary>
    static torch.Tensor[] EvaluationOutputs(OutputStore store, string modelKey, OutputProvenance provenance,
        torch.nn.Module<torch.Tensor, torch.Tensor> model, SplitManifest split, Dataset dataset, EvaluationDraw draw, ExperimentSpec spec)
    {
        var data = EvaluationData(split, dataset, draw);
        try
        {
            var poolSha = JobKey.Of(new { split = split.Hash(), members = draw.MemberIndices, nonMembers = draw.NonMemberIndices });
            return PartedOutputs.GetOrQuery(store, $"{modelKey}-eval-{poolSha[..12]}", "evaluation members+nonMembers", dataset.Sha256, poolSha,
                data.Select(d => d.Labels).ToList(), () => data.Select(d =>
                {
                    using var xs = spec.Training.Preprocessing.Apply(d.Features);
                    return Evaluation.Logits(model, xs);
                }).ToArray(), provenance);
        }
        finally { foreach (var d in data) { d.Features.Dispose(); d.Labels.Dispose(); } }
    }

    static (AttackOutcome, string) ShadowModel(ExperimentSpec spec, List<ShadowAttackData.ShadowQuery> queries, TargetEvaluation target, int seed,
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
    static (AttackOutcome, string) Threshold(ExperimentSpec spec, string name, List<ShadowAttackData.ShadowQuery> queries, TargetEvaluation target)
    {
        var (attack, detail) = Calibrated(spec, SignalRegistry.Get(name), queries);
        return (attack.Apply(target), detail);
    }

    /// <summary>Li et al.'s §5.5 signal: the evaluation examples' loss under the shadows (none trained on them), with the
    /// loss attack's threshold; each shadow's raw outputs go through the same release and TP-only filter as the target's.</summary>
    static (AttackOutcome, string) ShadowLossOnTarget(ExperimentSpec spec, List<ShadowAttackData.ShadowQuery> queries, List<torch.Tensor[]> shadowsOnEvaluation,
        long[][] kept, OutputDefense? release, TargetEvaluation target)
    {
        var (attack, detail) = Calibrated(spec, SignalRegistry.Loss, queries);
        var logits = shadowsOnEvaluation.Select(parts => torch.cat(parts.Select((z, p) =>
        {
            using var released = Released(release, z.alias());
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

    static ShadowAttackRow Measure(string variant, int seed, string attack, AttackOutcome outcome, string detail)
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
        return new(variant, seed, attack, counts.Members, counts.NonMembers,
            100 * counts.Accuracy, 100 * (counts.Tpr + counts.Tnr) / 2, 100 * outcome.Decisions.Precision, 100 * counts.Tpr, 100 * (counts.Tpr - counts.Fpr),
            report.Auc, 100 * report.TprAt(0.01), perClass.Count > 0 ? 100 * perClass.Average() : double.NaN, 100 * outcome.OptimisticBest.Accuracy, detail)
        { TprAtFprs = report.TprAtFpr.Select(p => new TprAtTargetFpr(p.TargetFpr, 100 * p.Tpr)).ToList(), F1 = outcome.Decisions.F1 };
    }
}

/// <summary>An attack's scores on the evaluation set of one variant (first seed), with the examples' true classes, for plots.</summary>
public sealed record AttackScores(string Variant, string Attack, MembershipScores Scores, int[] Classes, ConfusionCounts Decisions);

/// <summary>Everything a shadow-attack run produced.</summary>
public sealed record ShadowAttackRun(IReadOnlyList<TargetRow> Targets, IReadOnlyList<ShadowAttackRow> Rows,
    IReadOnlyDictionary<string, SplitManifest> Splits, IReadOnlyList<AttackScores> Scores, IReadOnlyDictionary<string, IReadOnlyList<int>> PooledClasses)
{
    /// <summary>With shadows:withoutClasses: per variant, the first seed's shadows' predictions on the dataset's test
    /// part, summed over shadows, [true][predicted]; empty otherwise.</summary>
    public IReadOnlyDictionary<string, int[][]> UnseenClassConfusion { get; init; } = new Dictionary<string, int[][]>();
}
