using MiaRepro.Attacks;
using MiaRepro.Outputs;
using MiaRepro.Data;
using MiaRepro.Metrics;
using MiaRepro.Privacy;
using MiaRepro.Runtime;
using MiaRepro.Training;
using MiaRepro.Training.DpSgd;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.DpAudit;

/// <summary>
/// dataset → split (members, nonMembers) → per variant and seed one DP-SGD run with m gradient canaries, each included
/// with probability ½ (<see cref="Training.DpSgd.CanaryPlacement"/>) → its canary record (<see cref="CanaryStore"/>) → the auditor's
/// scores seen every step or only at the end (<see cref="GradientCanaryAttack"/>) → k₊ = k₋ guesses → the one-run
/// ε lower bound (<see cref="OneRunAudit"/>) beside the ε the accountant claims.
/// </summary>
public sealed class DpAuditRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    public Action<TrainedModel>? OnModel { get; init; }

    /// <summary>One observation's audit: the guesses, the bound at the spec's confidence, the scores' AUC and membership
    /// advantage (Yeom et al. 2018: max over thresholds of TPR − FPR, at the best threshold on these canaries), in %.</summary>
    public sealed record Audit(string Observe, OneRunGuesses Guesses, double EpsilonLowerBound, double Auc, double Advantage)
    {
        /// <summary>The canaries' scores with their inclusion (for the figures; not in metrics.json).</summary>
        [System.Text.Json.Serialization.JsonIgnore] public MembershipScores? Scores { get; init; }
    }

    public sealed record Audited(string Variant, int Seed, string Fault, PrivacySpent Claimed, double TrainAccuracy, double TestAccuracy,
        IReadOnlyList<Audit> Audits, string JobKey);

    public sealed record Run(SplitManifest Split, IReadOnlyList<Audited> Runs, int Members, int Trained, int Cached);

    public Run Execute(IReadOnlyList<ExperimentSpec> variants)
    {
        var first = variants[0];
        var dataset = DatasetLoader.Load(first.Dataset, settings.Data);
        var split = SplitManifest.Create(dataset, first.Split, first.SplitSeed);
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var device = TorchRuntime.ResolveDevice(settings.Device);
        var commit = RunInfo.HeadLabel(settings.Root);
        var cache = new ModelCache(settings.ModelStore, TrainingProvenance.Capture(device, commit)) { OnCorrupt = m => Log?.Invoke(m), OnModel = OnModel, Gate = settings.Gate };
        var store = new CanaryStore(settings.ModelStore) { OnCorrupt = m => Log?.Invoke(m) };
        var members = split.Select(dataset, DpAuditSpec.MembersPart);
        var nonMembers = split.Select(dataset, DpAuditSpec.NonMembersPart);
        var runs = new List<Audited>();
        int trained = 0, cached = 0;
        foreach (var spec in variants)
        {
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xTest = spec.Training.Preprocessing.Apply(nonMembers.Features);
            var (train, test) = (members with { Features = x }, nonMembers with { Features = xTest });
            var dp = spec.Training.Dp!;
            foreach (var seed in spec.Seeds)
            {
                var (job, placement, build) = Job(spec, dataset, split, x, members.Classes, seed);
                var label = $"{spec.Variant} seed {seed}";
                var key = job.Key();
                if (settings.Gate is { } gate && !gate.Owns(job, key)) continue;   // another shard's run
                var model = cache.TryGet(job, build);
                var record = model is null ? null : store.TryRead(key);
                if (model is null || record is null)
                {
                    model?.Model.Dispose();
                    var net = build();
                    var canaries = placement.Canaries();
                    var initial = placement.Read(net);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var history = new DpSgdTrainer(job.Training, device) { OnEpoch = e => OnEpoch?.Invoke(label, e), Canaries = canaries }.Train(net, train, test, seed);
                    record = new CanaryRecord(key, placement.Included, canaries.Observed, initial, placement.Read(net));
                    model = cache.Put(job, net, history, clock.Elapsed);
                    store.Write(record);
                    trained++;
                }
                else cached++;
                var last = model.History[^1];
                var claimed = last.Privacy ?? throw new InvalidOperationException($"{label}: the DP-SGD history records no ε.");
                var rate = claimed.SamplingRate;   // the sampler's q (the wrong-sampling-rate fault changes only the accountant's)
                var scores = new[]
                {
                    (GradientCanaryAttack.SeesEveryStep, GradientCanaryAttack.EveryStep(record.Observed, Math.Min(1.0, (double)spec.Training.BatchSize / members.Count),
                        GradientCanaries.ClippedNorm(dp), dp.NoiseMultiplier * dp.ClipNorm)),
                    (GradientCanaryAttack.SeesFinalModel, GradientCanaryAttack.FinalModel(record.Initial, record.Final)),
                };
                var audits = scores.Select(s => Judge(s.Item1, s.Item2, record.Included, spec.Audit, dp.Delta)).ToList();
                model.Model.Dispose();
                runs.Add(new(spec.Variant, seed, dp.Fault, claimed, last.TrainAccuracy, last.TestAccuracy, audits, key));
                Log?.Invoke($"{label}: claimed ε {claimed.Epsilon:G4} (δ {dp.Delta:G}{(dp.IsFaulty ? $", fault {dp.Fault}" : "")}), train {last.TrainAccuracy:F1}% test {last.TestAccuracy:F1}%; " +
                            string.Join("; ", audits.Select(a => $"{a.Observe}: {a.Guesses.Correct}/{a.Guesses.Guesses} right, ε ≥ {a.EpsilonLowerBound:F3}, AUC {a.Auc:F1}")) +
                            (rate != Math.Min(1.0, (double)spec.Training.BatchSize / members.Count) ? $" (accountant fed q = {rate:G4})" : ""));
            }
        }
        return new(split, runs, (int)members.Count, trained, cached);
    }

    /// <summary>The audited run of <paramref name="seed"/>: its job (the canaries' placement and inclusion in its key),
    /// the placement, and the model's builder (seeded, so every build starts from the same weights).</summary>
    public static (TrainingJob Job, CanaryPlacement Placement, Func<nn.Module<Tensor, Tensor>> Build) Job(ExperimentSpec spec, Dataset dataset,
        SplitManifest split, Tensor preprocessedMembers, int classes, int seed)
    {
        nn.Module<Tensor, Tensor> Build() { torch.manual_seed(seed); return spec.Model.Build(preprocessedMembers.shape[1..], classes); }
        var placement = CanaryPlacement.Create(Build, preprocessedMembers, spec.Audit.Canaries, seed);
        var job = new TrainingJob
        {
            DatasetSha256 = dataset.Sha256, SplitHash = split.Hash(), Members = DpAuditSpec.MembersPart, NonMembers = DpAuditSpec.NonMembersPart,
            Model = spec.Model, Training = spec.Training, Seed = seed, Canaries = placement.Job,
        };
        return (job, placement, Build);
    }

    static Audit Judge(string observe, double[] scores, bool[] included, DpAuditSpec audit, double delta)
    {
        var guesses = OneRunGuesses.FromScores(scores, included, audit.Guesses, audit.Guesses);
        var scored = new MembershipScores(scores, included);
        var roc = RocCurve.From(scored);
        return new(observe, guesses, OneRunAudit.EpsilonLowerBound(guesses, delta, 1 - audit.Confidence), 100 * roc.Auc,
            100 * roc.Points.Max(p => p.Tpr - p.Fpr)) { Scores = scored };
    }
}
