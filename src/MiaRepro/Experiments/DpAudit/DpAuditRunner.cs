using MiaRepro.Attacks;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.Metrics;
using MiaRepro.Outputs;
using MiaRepro.Privacy;
using MiaRepro.Runtime;
using MiaRepro.Signals;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.DpAudit;

/// <summary>
/// dataset → split (members, nonMembers) → per variant and seed one DP-SGD run with m gradient canaries, each included
/// with probability ½ (<see cref="CanaryPlacement"/>) → its canary record (<see cref="CanaryRuns"/>) → the auditor's
/// scores seen every step or only at the end (<see cref="GradientCanaryAttack"/>) → k₊ = k₋ guesses → the one-run
/// ε lower bound (<see cref="OneRunAudit"/>) beside the ε the accountant claims; and, with audit:manyRuns R, R more
/// runs with one canary, in on even runs → the many-run bound (<see cref="ManyRunAudit"/>) after 4, 8, …, R runs.
/// </summary>
public sealed class DpAuditRunner(MiaReproSettings settings)
{
    /// <summary>Many-run trial r trains with seed ManyRunSeeds + r, apart from the one-run seeds.</summary>
    public const int ManyRunSeeds = 100_000;

    public Action<string>? Log { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    public Action<TrainedModel>? OnModel { get; init; }

    /// <summary>One observation's one-run audit: the guesses, the bound at the spec's confidence, the scores' AUC and
    /// membership advantage (Yeom et al. 2018: max over thresholds of TPR − FPR, at the best threshold on these canaries), in %.</summary>
    public sealed record Audit(string Attack, string Observe, OneRunGuesses Guesses, double EpsilonLowerBound, double Auc, double Advantage)
    {
        /// <summary>The canaries' scores with their inclusion (for the figures; not in metrics.json).</summary>
        [System.Text.Json.Serialization.JsonIgnore] public MembershipScores? Scores { get; init; }
    }

    public sealed record Audited(string Variant, int Seed, string Fault, PrivacySpent Claimed, double TrainAccuracy, double TestAccuracy,
        IReadOnlyList<Audit> Audits, string JobKey);

    /// <summary>A variant's many-run audit by one attack seen one way: the bound after the first 4, 8, …, R runs (LiRA: 8, …;
    /// the last is the audit's).</summary>
    public sealed record ManyRun(string Variant, string Fault, string Attack, string Observe, IReadOnlyList<ManyRunAudit.Result> ByRuns);

    public sealed record Run(SplitManifest Split, IReadOnlyList<Audited> Runs, IReadOnlyList<ManyRun> ManyRuns, int Members, int Trained, int Cached);

    public Run Execute(IReadOnlyList<ExperimentSpec> variants)
    {
        var first = variants[0];
        var dataset = DatasetLoader.Load(first.Dataset, settings.Data);
        var split = SplitManifest.Create(dataset, first.Split, first.SplitSeed);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var device = TorchRuntime.ResolveDevice(settings.Device);
        var commit = RunInfo.HeadLabel(settings.Root);
        var cache = new ModelCache(settings.ModelStore, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => Log?.Invoke(m), OnModel = OnModel, Gate = settings.Gate };
        var runs = new CanaryRuns(cache, new CanaryStore(settings.ModelStore) { OnCorrupt = m => Log?.Invoke(m) }, device) { OnEpoch = OnEpoch };
        var members = split.Select(dataset, DpAuditSpec.MembersPart);
        var nonMembers = split.Select(dataset, DpAuditSpec.NonMembersPart);
        var canaryExamples = first.Split.ContainsKey(DpAuditSpec.CanariesPart) ? split.Select(dataset, DpAuditSpec.CanariesPart) : null;
        var audited = new List<Audited>();
        var manyRuns = new List<ManyRun>();
        foreach (var spec in variants)
        {
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xTest = spec.Training.Preprocessing.Apply(nonMembers.Features);
            var (train, test) = (members with { Features = x }, nonMembers with { Features = xTest });
            var dp = spec.Training.Dp!;
            var q = Math.Min(1.0, (double)spec.Training.BatchSize / members.Count);   // the sampler's (a wrong-sampling-rate fault fools only the accountant)
            double[] Scores(string observe, CanaryRecord r) => observe == GradientCanaryAttack.SeesEveryStep
                ? GradientCanaryAttack.EveryStep(r.Observed, q, GradientCanaries.ClippedNorm(Claimed(dp), spec.Audit.CanaryNorm), dp.NoiseMultiplier * dp.ClipNorm)
                : GradientCanaryAttack.FinalModel(r.Initial, r.Final);
            using var canaryInputs = spec.Audit.Canary == DpAuditSpec.Mislabelled ? spec.Training.Preprocessing.Apply(canaryExamples!.Features) : null;
            var blackBox = spec.Audit.Canary != DpAuditSpec.Gradient;
            foreach (var seed in spec.Seeds)
            {
                var label = $"{spec.Variant} seed {seed}";
                TrainingJob job;
                (TrainedModel Model, CanaryRecord Record)? got;
                if (blackBox)
                {
                    var natural = InputCanariesOf(spec, train, canaryInputs is null ? null : canaryExamples! with { Features = canaryInputs }, seed);
                    Func<nn.Module<Tensor, Tensor>> build = () => { torch.manual_seed(seed); return spec.Model.Build(x.shape[1..], members.Classes); };
                    job = Job(spec, dataset, split, seed, natural.Job);
                    got = runs.Get(job, natural, build, train, test, label);
                }
                else
                {
                    (job, var placement, var build) = Job(spec, dataset, split, x, members.Classes, seed);
                    got = runs.Get(job, placement, build, train, test, label);
                }
                if (got is not { } pair) continue;   // another shard's run
                var (model, record) = pair;
                var last = model.History[^1];
                model.Model.Dispose();
                var claimed = last.Privacy ?? throw new InvalidOperationException($"{label}: the DP-SGD history records no ε.");
                var audits = blackBox
                    ? [Judge(ThresholdAttack.NameOf(SignalRegistry.Loss), GradientCanaryAttack.SeesFinalModel, [.. record.Final.Select(l => -l)], record.Included, spec.Audit, dp.Delta)]
                    : GradientCanaryAttack.Observations.Select(o => Judge(GradientCanaryAttack.Name, o, Scores(o, record), record.Included, spec.Audit, dp.Delta)).ToList();
                audited.Add(new(spec.Variant, seed, dp.Fault, claimed, last.TrainAccuracy, last.TestAccuracy, audits, job.Key()));
                Log?.Invoke($"{label}: claimed ε {claimed.Epsilon:G4} (δ {dp.Delta:G}{(dp.IsFaulty ? $", fault {dp.Fault}" : "")}), train {last.TrainAccuracy:F1}% test {last.TestAccuracy:F1}%; " +
                            string.Join("; ", audits.Select(a => $"{a.Attack} {a.Observe}: {a.Guesses.Correct}/{a.Guesses.Guesses} right, ε ≥ {a.EpsilonLowerBound:F3}, AUC {a.Auc:F1}")));
            }
            var trials = new List<(bool Included, CanaryRecord Record)>();
            // Black box: the first canary of one draw (seed ManyRunSeeds), the same in every trial.
            var manyRunCanary = blackBox && spec.Audit.ManyRuns > 0 ? InputCanariesOf(spec, train, canaryInputs is null ? null : canaryExamples! with { Features = canaryInputs }, ManyRunSeeds) : null;
            for (var r = 0; r < spec.Audit.ManyRuns; r++)
            {
                var (label, trialSeed) = ($"{spec.Variant} many-run trial {r}", ManyRunSeeds + r);
                var got = manyRunCanary?.Single(r % 2 == 0, ManyRunSeeds) is { } single
                    ? runs.Get(Job(spec, dataset, split, trialSeed, single.Job), single, () => { torch.manual_seed(trialSeed); return spec.Model.Build(x.shape[1..], members.Classes); }, train, test, label)
                    : Job(spec, dataset, split, x, members.Classes, trialSeed, r % 2 == 0) is var (job, placement, build) ? runs.Get(job, placement, build, train, test, label) : null;
                if (got is null) continue;
                got.Value.Model.Model.Dispose();
                trials.Add((got.Value.Record.Included[0], got.Value.Record));
            }
            if (trials.Count == spec.Audit.ManyRuns && trials.Count > 0)
                foreach (var (attack, observe, signal) in ManyRunSignals(blackBox, Scores))
                {
                    var values = trials.Select(t => signal(t.Record)).ToArray();
                    var included = trials.Select(t => t.Included).ToArray();
                    // LiRA fits its Gaussians on each audit's threshold half, which needs 2 runs a side: from 8 runs on.
                    var lira = attack == ManyRunLira.Name;
                    var byRuns = Enumerable.Range(lira ? 2 : 1, trials.Count / 4 - (lira ? 1 : 0)).Select(k => ManyRunAudit.Of(
                        lira ? ManyRunLira.Scores(values[..(4 * k)], included[..(4 * k)], 2 * k) : values[..(4 * k)], included[..(4 * k)], 1 - spec.Audit.Confidence, dp.Delta)).ToList();
                    if (byRuns.Count == 0) continue;
                    manyRuns.Add(new(spec.Variant, dp.Fault, attack, observe, byRuns));
                    var c = byRuns[^1].Counts;
                    Log?.Invoke($"{spec.Variant} many-run audit, {attack} seen {observe}: on the second half of {trials.Count} runs {c.TruePositives} TP, {c.FalseNegatives} FN, " +
                                $"{c.FalsePositives} FP, {c.TrueNegatives} TN at the first half's threshold, ε ≥ {byRuns[^1].Bound.Epsilon:F3}");
                }
        }
        return new(split, audited, manyRuns, (int)members.Count, runs.Trained, runs.Cached);
    }

    /// <summary>What a many-run audit scores, per attack and observation: the gradient canary's own statistics (every step:
    /// the likelihood ratio under the claimed noise; final model: the weight's move) and LiRA on the final-model one; an
    /// input canary's loss (the loss threshold) and LiRA on its logit-scaled confidence.</summary>
    static IEnumerable<(string Attack, string Observe, Func<CanaryRecord, double> Signal)> ManyRunSignals(bool blackBox, Func<string, CanaryRecord, double[]> gradientScores) =>
        blackBox
            ? [(ThresholdAttack.NameOf(SignalRegistry.Loss), GradientCanaryAttack.SeesFinalModel, r => -r.Final[0]),
               (ManyRunLira.Name, GradientCanaryAttack.SeesFinalModel, r => ManyRunLira.LogitScaledFromLoss(r.Final[0]))]
            : [.. GradientCanaryAttack.Observations.Select(o => (GradientCanaryAttack.Name, o, (Func<CanaryRecord, double>)(r => gradientScores(o, r)[0]))),
               (ManyRunLira.Name, GradientCanaryAttack.SeesFinalModel, r => gradientScores(GradientCanaryAttack.SeesFinalModel, r)[0])];

    /// <summary>A black-box audit's canaries for <paramref name="seed"/>: the split's "canaries" part mislabelled, or noise
    /// shaped like the (preprocessed) members.</summary>
    public static InputCanaries InputCanariesOf(ExperimentSpec spec, LabelledData members, LabelledData? canaryExamples, int seed) =>
        spec.Audit.Canary == DpAuditSpec.Mislabelled
            ? InputCanaries.Mislabelled(canaryExamples ?? throw new ArgumentException($"split:{DpAuditSpec.CanariesPart} is missing."), DpAuditSpec.CanariesPart, seed)
            : InputCanaries.OutOfDistribution(members, spec.Audit.Canaries, seed);

    /// <summary>The audited run of <paramref name="seed"/>: its job (the canaries' placement and inclusion in its key),
    /// the placement, and the model's builder (seeded, so every build starts from the same weights). With
    /// <paramref name="single"/>, a many-run trial: one canary, in or out as given.</summary>
    public static (TrainingJob Job, CanaryPlacement Placement, Func<nn.Module<Tensor, Tensor>> Build) Job(ExperimentSpec spec, Dataset dataset,
        SplitManifest split, Tensor preprocessedMembers, int classes, int seed, bool? single = null)
    {
        nn.Module<Tensor, Tensor> Build() { torch.manual_seed(seed); return spec.Model.Build(preprocessedMembers.shape[1..], classes); }
        var placement = CanaryPlacement.Create(Build, preprocessedMembers, spec.Audit.Canaries, seed);
        placement = placement.WithNorm(spec.Audit.CanaryNorm);
        if (single is { } included) placement = placement.Single(included);
        return (Job(spec, dataset, split, seed, placement.Job), placement, Build);
    }

    /// <summary>An audited run's job: DP-SGD on the members with <paramref name="canaries"/> (in the key).</summary>
    public static TrainingJob Job(ExperimentSpec spec, Dataset dataset, SplitManifest split, int seed, CanaryJob canaries) => new()
    {
        DatasetSha256 = dataset.Sha256, SplitHash = split.Hash(), Members = DpAuditSpec.MembersPart, NonMembers = DpAuditSpec.NonMembersPart,
        Model = spec.Model, Training = spec.Training, Seed = seed, Canaries = canaries,
    };

    /// <summary>The mechanism the run claims to be: the auditor's test assumes it (a planted fault is what the audit must find).</summary>
    static DpSgdSpec Claimed(DpSgdSpec dp) => new()
    {
        NoiseMultiplier = dp.NoiseMultiplier, ClipNorm = dp.ClipNorm, Sampling = dp.Sampling, Delta = dp.Delta, Fault = "none",
    };

    static Audit Judge(string attack, string observe, double[] scores, bool[] included, DpAuditSpec audit, double delta)
    {
        var guesses = OneRunGuesses.FromScores(scores, included, audit.Guesses, audit.Guesses);
        var scored = new MembershipScores(scores, included);
        var roc = RocCurve.From(scored);
        return new(attack, observe, guesses, OneRunAudit.EpsilonLowerBound(guesses, delta, 1 - audit.Confidence), 100 * roc.Auc,
            100 * roc.Points.Max(p => p.Tpr - p.Fpr)) { Scores = scored };
    }
}
