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
        var cache = new ModelCache(settings.ModelStore, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => Log?.Invoke(m), OnModel = OnModel, Gate = settings.Gate };
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
                    queries.Add(new(sIn with { Features = TargetOutputs.Released(release, shadowOutputs[0]) }, sOut with { Features = TargetOutputs.Released(release, shadowOutputs[1]) }));
                    if (shadowLoss) shadowsOnEvaluation.Add(TargetOutputs.EvaluationOutputs(store, trainedShadow.Key, provenance, shadow, split, dataset, evaluationDraw, spec));
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

                var (logits, labels, isMember, kept) = TargetOutputs.Query(store, trainedTarget.Key, provenance, target, split, dataset, evaluationDraw, spec, release);
                target.Dispose();
                var evaluation = new TargetEvaluation(logits, labels, isMember);

                foreach (var attack in spec.ShadowAttack.Attacks)
                {
                    var (outcome, detail) = attack switch
                    {
                        ShadowAttackSpec.Shadow => ShadowAttackAttacks.ShadowModel(spec, queries, evaluation, seed, pooled),
                        CorrectClassificationRule.Name => (CorrectClassificationRule.Apply(evaluation), "member iff the target predicts the true label"),
                        ShadowAttackSpec.ShadowLoss => ShadowAttackAttacks.ShadowLossOnTarget(spec, queries, shadowsOnEvaluation, kept, release, evaluation),
                        _ => ShadowAttackAttacks.Threshold(spec, attack, queries, evaluation),
                    };
                    rows.Add(ShadowAttackAttacks.Measure(spec.Variant, seed, attack, outcome, detail));
                    if (seed == spec.Seeds[0]) scores.Add(new(spec.Variant, attack, outcome.Scores, outcome.TrueClasses, outcome.Decisions.Counts));
                    Log?.Invoke($"{label}: {attack} attack accuracy {rows[^1]["accuracy"]:F2}% (AUC {rows[^1]["auc"]:F1}%)");
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
}
