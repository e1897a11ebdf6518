using MiaRepro.Measurements;
using MiaRepro.Metrics;
using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Defenses;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Signals;
using MiaRepro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// Per variant: the undefended target (the l2-sweep's λ=0 model, cached and shared), each defense's released outputs on
/// all members and non-members (L2: the sweep's model at that λ; distillation: a student trained on the target's soft
/// labels; output defenses: the target's logits transformed), their utility, then every attack over the same leak
/// samples (trial t draws with seed t for every defense and attack, so cells differ only by defense and attack).
/// </summary>
public sealed class DefenseMatrixRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<string, EpochRecord>? OnEpoch { get; init; }
    /// <summary>Told of every model the run uses, from the store (its provenance goes to run.json).</summary>
    public Action<TrainedModel>? OnModel { get; init; }

    public sealed record Result(IReadOnlyList<DefenseMatrixCell> Cells, IReadOnlyList<DefenseUtility> Utility, SplitManifest Split, int Trained, int Cached);

    public Result Run(IReadOnlyList<ExperimentSpec> variants)
    {
        var (dataset, split, members, nonMembers, device, cache, commit) = SweepData.Load(settings, variants[0], Log, OnModel);
        var cells = new List<DefenseMatrixCell>();
        var utility = new List<DefenseUtility>();
        int trained = 0, cached = 0;
        var stored = new SweepOutputs(settings.Cache, dataset.Sha256, split, commit);

        foreach (var spec in variants)
        {
            var matrix = spec.DefenseMatrix;
            var seed = spec.Seeds[0];
            using var x = spec.Training.Preprocessing.Apply(members.Features);
            using var xTest = spec.Training.Preprocessing.Apply(nonMembers.Features);
            var train = members with { Features = x };
            var test = nonMembers with { Features = xTest };

            // Each model's outputs on the members and non-members go through the output store (as the sweep's targets do).
            (Tensor Members, Tensor NonMembers) Outputs(TrainedModel model)
            {
                if (model.FromCache) cached++; else trained++;
                var (m, n) = stored.Get(model.Key, model.Model, train, test, device);
                model.Model.Dispose();
                m.Labels.Dispose(); n.Labels.Dispose();
                return (m.Features, n.Features);
            }
            Action<EpochRecord> Epochs(string what) => e => OnEpoch?.Invoke($"{spec.Variant} {what}", e);

            var (teacherMembers, teacherNonMembers) = Outputs(L2SweepRunner.TrainOrLoad(cache, dataset.Sha256, split, spec, 0, seed, train, test, device, Epochs("target")));
            using var tm = teacherMembers;
            using var tn = teacherNonMembers;
            foreach (var defense in matrix.Defenses)
            {
                var output = defense.Output(members.Classes);
                (Tensor, Tensor) outputs;
                switch (defense.Name)
                {
                    case "none":
                        outputs = (teacherMembers.alias(), teacherNonMembers.alias());
                        break;
                    case "l2":
                        outputs = Outputs(L2SweepRunner.TrainOrLoad(cache, dataset.Sha256, split, spec, defense.Lambda, seed, train, test, device, Epochs(defense.Label)));
                        break;
                    case "distillation":
                        outputs = Outputs(Distillation.Student(cache, L2SweepRunner.Job(dataset.Sha256, split, spec, 0, seed),
                            () => teacherMembers.alias(), defense.Temperature, train, test, device, Epochs(defense.Label)));
                        break;
                    default:
                        outputs = (output!.Release(teacherMembers), output.Release(teacherNonMembers));
                        break;
                }
                var (m, n) = outputs;
                using var released = m;
                using var releasedTest = n;
                var memberCorrect = CorrectClassificationRule.Correct(m, members.Labels);
                var nonMemberCorrect = CorrectClassificationRule.Correct(n, nonMembers.Labels);
                utility.Add(new(spec.Variant, defense.Label, 100.0 * memberCorrect.Count(c => c) / memberCorrect.Length,
                    100.0 * nonMemberCorrect.Count(c => c) / nonMemberCorrect.Length));
                var signal = SignalRegistry.Get(matrix.Loss);
                // Output defenses release probabilities: losses from the released p_y (ties stay ties); models' own logits otherwise.
                var fromRelease = output is not null;
                var memberLosses = fromRelease ? ReleasedLoss.Compute(signal, m, members.Labels, OutputDefense.Floor) : signal.Compute(m, members.Labels);
                var nonMemberLosses = fromRelease ? ReleasedLoss.Compute(signal, n, nonMembers.Labels, OutputDefense.Floor) : signal.Compute(n, nonMembers.Labels);
                foreach (var attack in matrix.Attacks)
                    cells.Add(Attack(spec.Variant, defense.Label, attack, matrix, signal, memberLosses, nonMemberLosses, memberCorrect, nonMemberCorrect));
                Log?.Invoke($"{spec.Claim}: {spec.Variant} {defense.Label}: test accuracy {utility[^1].TestAccuracy:F2}%, " +
                            string.Join(", ", cells.Where(c => c.Variant == spec.Variant && c.Defense == defense.Label)
                                .Select(c => $"{c.Attack} advantage {c["advantage"]?.ToString() ?? "n/a"}")));
            }
        }
        return new(cells, utility, split, trained, cached);
    }

    static DefenseMatrixCell Attack(string variant, string defense, string attack, DefenseMatrixSpec matrix, Signal signal,
        double[] memberLosses, double[] nonMemberLosses, bool[] memberCorrect, bool[] nonMemberCorrect)
    {
        try
        {
            var trials = Enumerable.Range(0, matrix.Trials).AsParallel().AsOrdered().Select(trial =>
            {
                var sample = LeakSampler.Draw(memberLosses, nonMemberLosses, matrix.LeakPercent, seed: trial, matrix.HeldOutFraction);
                var (decisions, ranking) = LeakAttacks.Run(attack, sample, signal, memberCorrect, nonMemberCorrect);
                var counts = Metrics.ConfusionCounts.Above(decisions, 0.5);
                var roc = Metrics.RocCurve.From(ranking);
                // A new metric of the matrix is one line here (and its unit in MetricUnits).
                return (IReadOnlyList<MetricValue>)
                [
                    .. Metrics.MembershipReportOptions.MeasuredFprs.Select(f => new MetricValue(MetricUnits.TprAtFpr(f), 100 * roc.TprAtFpr(f))),
                    new("accuracy", 100 * counts.Accuracy), new("advantage", 100 * (counts.Tpr - counts.Fpr)), new("auc", 100 * roc.Auc),
                ];
            }).ToList();
            return new(variant, defense, attack, trials[0].Select((m, i) => new MetricStat(m.Metric, Stat.Of(trials.Select(t => t[i].Value)))).ToList());
        }
        catch (AggregateException e) when (e.InnerException is ArgumentException inner && attack == "kde")
        {
            // A KDE of constant losses (e.g. label-only output on a model that fits every leaked member) is undefined.
            return new(variant, defense, attack, [], inner.Message);
        }
    }
}
