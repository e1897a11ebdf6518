using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.Metrics;
using MiaRepro.Outputs;
using MiaRepro.Runtime;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using TorchSharp;
using LiraAttack = MiaRepro.Attacks.LikelihoodRatio.Lira;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// dataset → pool (split part "pool") → balanced keep mask per seed → M members and their outputs (<see cref="LiraMembers"/>)
/// → every many-model attack leave-one-model-out (<see cref="ManyModelAttacks"/>), LiRA again with k references per
/// example for each k, and all of it once more on a keep mask shuffled per example (the control) → rows.
/// </summary>
public sealed class LiraRunner(MiaReproSettings settings)
{
    public const string TrueKeep = "true";
    public const string ShuffledKeep = "shuffled";
    /// <summary>Rows of targets trained apart from the set (<see cref="LiraSpec.Targets"/>).</summary>
    public const string SeparateKeep = "separate";

    /// <summary>Separate targets of seed s are the set of seed s + this: their own masks and member seeds.</summary>
    public const int SeparateTargetSeeds = 500;

    public Action<string>? Log { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    public Action<TrainedModel>? OnModel { get; init; }

    /// <summary>The measured FPRs: Carlini et al.'s 0.1 % and the 1 % a smoke pool can still resolve.</summary>
    public static readonly IReadOnlyList<double> Fprs = MembershipReportOptions.MeasuredFprs;

    /// <summary>A member's accuracies and, trained with DP-SGD, the ε its accountant spent (∞ without noise).</summary>
    public sealed record Member(int Seed, int Index, double TrainAccuracy, double TestAccuracy,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        [property: System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)]
        double? Epsilon = null);

    /// <summary><see cref="Distributions"/>: the first seed's most, typical and least vulnerable example under LiRA online
    /// with the global σ and every other model as a reference (<see cref="AttackScores.IsLiraOnlineGlobal"/>, the claims'
    /// LiRA, whose per-example detection is measured: <see cref="HeavyTail"/>), with detection at the lowest measured FPR.</summary>
    public sealed record Run(SplitManifest Split, IReadOnlyList<LiraAttackRow> Rows, IReadOnlyList<LiraHeavyTailRow> HeavyTail, IReadOnlyList<Member> Members,
        IReadOnlyList<(string Attack, RocCurve Curve)> Curves, IReadOnlyList<ExampleDistribution> Distributions, IReadOnlyList<string> SetFolders, int Trained, int Cached);

    public Run Execute(ExperimentSpec spec)
    {
        var device = TorchRuntime.ResolveDevice(settings.Device);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var commit = RunInfo.HeadLabel(settings.Root);
        var cache = new ModelCache(settings.ModelStore, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => Log?.Invoke(m), OnModel = OnModel, Gate = settings.Gate };
        var strategy = EnsembleStrategies.Choose(settings.Engine, device.type == DeviceType.CUDA, spec.Model, spec.Training);
        Log?.Invoke($"members trained {strategy} (MIAREPRO_ENGINE={settings.Engine}); the models are the same either way");
        var engine = new LiraMembers(cache, OutputStore.InCache(settings.Cache), OutputProvenance.Now(device.ToString(), commit), device)
            { OnEpoch = OnEpoch, Strategy = strategy, GroupSize = settings.GroupSize };
        var dataset = DatasetLoader.Load(spec.Dataset, settings.Data);
        var split = SplitManifest.Create(dataset, spec.Split, spec.SplitSeed);
        var examples = split.Parts[LiraSpec.PoolPart].Indices.Length;
        var canaries = Canaries(dataset, split, spec);
        var rows = new List<LiraAttackRow>();
        var tails = new List<LiraHeavyTailRow>();
        var distributions = new List<ExampleDistribution>();
        var members = new List<Member>();
        var curves = new List<(string, RocCurve)>();
        var folders = new List<string>();
        int trained = 0, cached = 0;
        foreach (var seed in spec.Seeds)
        {
            var keep = BalancedKeep.Create(spec.Lira.Models, examples, seed);
            var built = Members(keep, seed);
            var set = Released(built.Set, spec.Lira.Release);
            folders.Add(built.SetFolder);
            members.AddRange(built.Accuracies.Select((a, m) => new Member(seed, m, a.Train, a.Test, a.Epsilon)));
            Log?.Invoke($"seed {seed}: {spec.Lira.Models} members ({built.Trained} trained, {built.Cached} from the cache), " +
                        $"train {built.Accuracies.Average(a => a.Train):F1}% test {built.Accuracies.Average(a => a.Test):F1}%; set in {built.SetFolder}");
            var scores = Attack(spec.Lira, set);
            // The control: the same outputs, membership shuffled per example (a different stream from the mask's).
            var control = spec.Lira.ShuffledKeepControl ? Attack(spec.Lira, set.WithKeep(BalancedKeep.Shuffled(keep, seed + 1_000_003))) : [];
            foreach (var (s, keepName) in scores.Select(s => (s, TrueKeep)).Concat(control.Select(s => (s, ShuffledKeep))))
            {
                var roc = RocCurve.From(s.Scores.Scores);
                rows.Add(LiraAttackRow.Of(seed, s.Scores, s.References, keepName, roc, Fprs) with { Examples = canaries is null ? null : AllExamples });
                Log?.Invoke($"seed {seed} {keepName} keep: {s.Scores.Label}{(s.References is { } k ? $" k={k}" : "")}: {rows[^1].Summary}");
                if (canaries is not null)
                {
                    rows.Add(LiraAttackRow.Of(seed, s.Scores, s.References, keepName, RocCurve.From(LeaveOneModelOut.OnExamples(s.Scores.Scores, set.Examples, canaries.Positions)), Fprs) with { Examples = CanaryExamples });
                    Log?.Invoke($"seed {seed} {keepName} keep: {s.Scores.Label}{(s.References is { } c ? $" k={c}" : "")} on the {canaries.Positions.Length} canaries: {rows[^1].Summary}");
                }
                if (seed == spec.Seeds[0] && keepName == TrueKeep && s.References is null) curves.Add((s.Scores.Label, roc));
                if (s.Scores.IsLiraOnlineGlobal && s.References is null)
                    foreach (var fpr in Fprs)
                    {
                        var detection = PerExampleDetection.From(s.Scores.Scores, set.Models, set.Examples, fpr);
                        if (seed == spec.Seeds[0] && keepName == TrueKeep && fpr == Fprs.Min())
                            distributions.AddRange(ExampleDistribution.Choose(set, s.Scores.Scores, detection, split.Parts[LiraSpec.PoolPart].Indices));
                        tails.Add(LiraHeavyTailRow.Of(seed, s.Scores, keepName, detection, HeavyTail.Of(detection, seed: seed + 2_000_003)));
                        var t = tails[^1];
                        Log?.Invoke($"seed {seed} {keepName} keep: {s.Scores.Label} at {100 * fpr:G}% FPR per target: {t.TruePositives} TPs of {t.MemberPairs} member pairs; " +
                                    $"top {t.TopExamples} examples hold {t.Top.Share:F1}% (random spread {t.Top.NullMean:F1}%, p {t.Top.PValue:G3}); " +
                                    $"examples detected by ≥ half their IN targets hold {t.HalfDetected.Share:F1}% (random {t.HalfDetected.NullMean:F1}%, p {t.HalfDetected.PValue:G3})");
                    }
            }
            if (spec.Lira.Targets > 0)
            {
                var targetSeed = seed + SeparateTargetSeeds;
                var targets = Members(BalancedKeep.Create(spec.Lira.Targets, examples, targetSeed), targetSeed);
                foreach (var s in SeparateTargets.Run(set, Released(targets.Set, spec.Lira.Release)))
                {
                    var roc = RocCurve.From(s.Scores);
                    rows.Add(LiraAttackRow.Of(seed, s, null, SeparateKeep, roc, Fprs) with { Examples = canaries is null ? null : AllExamples });
                    Log?.Invoke($"seed {seed} {spec.Lira.Targets} separate targets: {s.Label}: {rows[^1].Summary}");
                }
            }
        }
        return new(split, rows, tails, members, curves, distributions, folders, trained, cached);

        // The set attacked: the members, or with lira:distillation their students (the teachers are the undefended members).
        LiraMembers.Result Members(bool[,] keep, int seed)
        {
            var built = engine.Build(dataset, split, keep, spec, seed, canaries);
            (trained, cached) = (trained + built.Trained, cached + built.Cached);
            if (spec.Lira.Distillation is null) return built;
            var students = engine.Distil(dataset, split, keep, spec, seed, built, canaries);
            (trained, cached) = (trained + students.Trained, cached + students.Cached);
            return students;
        }
    }

    /// <summary><see cref="LiraAttackRow.Examples"/> of rows on every pool example and on the planted canaries alone.</summary>
    public const string AllExamples = "all", CanaryExamples = "canaries";

    /// <summary>The spec's planted canaries in this pool (null without lira:canaries): what the run and a plan key members by.</summary>
    public static PoolCanaries? Canaries(Dataset dataset, SplitManifest split, ExperimentSpec spec) => spec.Lira.Canaries == 0 ? null
        : split.Select(dataset, LiraSpec.PoolPart) is var pool ? PoolCanaries.Create(pool.Labels.to(torch.int64, torch.CPU).data<long>().ToArray(), pool.Classes, spec.Lira.Canaries, spec.SplitSeed) : null;

    static ScoreSet Released(ScoreSet set, Defenses.DefenseSpec? release) =>
        release?.Output(set.Classes) is { } defense ? set.Released(defense, release.Label) : set;

    sealed record Scored(int? References, AttackScores Scores);

    /// <summary>Every many-model attack with all M − 1 references, then LiRA online (and offline where the balanced
    /// halves hold k OUT models) with k references per example, for each k.</summary>
    static List<Scored> Attack(LiraSpec lira, ScoreSet set)
    {
        var result = ManyModelAttacks.Run(set).Select(a => new Scored(null, a)).ToList();
        var phi = QueryValues.LogitScaled(set);
        foreach (var k in lira.ReferenceCounts)
            foreach (var variance in new[] { LiraVariance.PerExample, LiraVariance.Global })
            {
                var options = new LiraOptions(variance, k);
                result.Add(new(k, new(LiraAttack.OnlineName, LiraAttack.Online(set, phi, options)) { Variance = variance }));
                if (lira.OfflineSupports(k)) result.Add(new(k, new(LiraAttack.OfflineName, LiraAttack.Offline(set, phi, options)) { Variance = variance }));
            }
        return result;
    }
}
