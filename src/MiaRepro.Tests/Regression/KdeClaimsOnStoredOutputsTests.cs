using System.Globalization;
using MiaRepro.Attacks;
using MiaRepro.Experiments;
using MiaRepro.Checks;
using MiaRepro.Measurements;
using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Metrics;
using MiaRepro.Signals;
using NUnit.Framework;

namespace MiaRepro.Tests.Regression;

/// <summary>
/// Reruns the attacks, metrics and checks of every Bîndilă KDE claim on committed outputs of its smoke targets (12
/// LeNet-5s: two readings × λ ∈ {0, 1e-2} × seeds 0–2, logits on the split's 2,000 members and 2,000 non-members) and
/// pins every number. No training is involved, so the snapshot is the same on any x86 CPU, and a change to attack,
/// signal, metric or check code shows as a diff of the numbers it moves — including moves that stay inside a band.
/// Numbers are pinned to 9 significant digits: far below any effect, above last-ulp differences of vectorized math.
/// </summary>
[TestFixture, Category("Regression"), NonParallelizable]
public sealed class KdeClaimsOnStoredOutputsTests
{
    static readonly Lazy<IReadOnlyList<StoredTarget>> Targets = new(() =>
        StoredTarget.ReadAll(Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Regression", "outputs", "bindila2021-smoke")));

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<KdeLeakRow>> AttackRows = new();

    public static IEnumerable<TestCaseData> KdeClaims()
    {
        var settings = TestEnvironment.Settings;
        foreach (var path in ExperimentLoader.Discover(Path.Combine(settings.Experiments, "bindila2021")))
        {
            var spec = ExperimentLoader.Load(path, "smoke")[0];
            if (spec.Kind == "kde-leak") yield return new TestCaseData(path).SetName($"KdeClaim_OnStoredOutputs_MatchesSnapshot({spec.Claim})");
        }
    }

    [TestCaseSource(nameof(KdeClaims))]
    public void KdeClaim_OnStoredOutputs_MatchesSnapshot(string experiment)
    {
        var variants = ExperimentLoader.Load(experiment, "smoke");
        var spec = variants[0];
        var rows = KdeLeakRow.Pool(variants.SelectMany(v => v.Lambdas.SelectMany(lambda => v.Seeds.Select(seed =>
        {
            var target = Targets.Value.SingleOrDefault(t => t.Variant == v.Variant && t.Lambda == lambda && t.Seed == seed)
                ?? throw new AssertionException($"{spec.Claim}: the fixture has no target {v.Variant} λ={lambda:G} seed {seed}; regenerate it: miarepro outputs bindila2021/kde-l2-defense --profile smoke --to src/MiaRepro.Tests/Regression/outputs/bindila2021-smoke (README, Tests).");
            // Claims that share an attack setting share its rows, as the claim runner's row cache does.
            var key = $"{System.Text.Json.JsonSerializer.Serialize(v.Attack)} {v.Variant} {lambda:R} {seed}";
            return AttackRows.GetOrAdd(key, _ => KdeLeakRunner.Attack(v.Attack, new SweepCell(v.Variant, lambda, seed, 0, 0, [], FromCache: true),
                target.Members, target.NonMembers).Rows).Select(r => r with { Seeds = [seed] });
        })).SelectMany(r => r))).ToList();
        // The measurements a run would store for these rows, judged as a run and a recheck judge them.
        var outcome = spec.Judge(KdeLeakMeasurements.From(new(spec.Paper, spec.Claim), variants, rows).ToList());

        SnapshotFiles.Match(new
        {
            outcome.Verdict,
            lines = outcome.Lines.Select(l => $"{l.Variant} | {l.What} | paper {G(l.Paper)} | measured {G(l.Measured)} | {l.Verdict}"),
            rows = rows.Select(r => $"{r.Variant} λ={r.Lambda:G} {r.Loss} leak {r.LeakPercent:G}%: " +
                                   $"held-out acc {G(r.HeldOut["accuracy"])} tpr {G(r.HeldOut["tpr"])} fpr {G(r.HeldOut["fpr"])} auc {G(r.HeldOut["auc"])} " +
                                   $"tpr@1%fpr {G(r.HeldOut["tpr@1%fpr"])} fpr-floor {G(r.HeldOut["fpr-floor"])}; in-sample acc {G(r.InSample["accuracy"])}; " +
                                   $"w1 {G(r["wasserstein"])} kl {G(r["kl"])}"),
        }, $"Regression_{spec.TestName}");
    }

    /// <summary>Every global signal attack and CCR on every stored target: AUC, TPR at 0.1 % and 1 % FPR, the
    /// optimistic balanced accuracy.</summary>
    [Test]
    public void SignalAttacks_OnStoredOutputs_MatchSnapshot()
    {
        var lines = new List<string>();
        foreach (var t in Targets.Value)
        {
            var isMember = Enumerable.Repeat(true, (int)t.Members.Count).Concat(Enumerable.Repeat(false, (int)t.NonMembers.Count)).ToArray();
            foreach (var signal in SignalRegistry.All)
            {
                var scores = signal.MembershipScores(t.Members.Features, t.Members.Labels)
                    .Concat(signal.MembershipScores(t.NonMembers.Features, t.NonMembers.Labels)).ToArray();
                var report = MembershipReport.From(new MembershipScores(scores, isMember), new() { TargetFprs = MembershipReportOptions.MeasuredFprs, BootstrapResamples = 0 });
                lines.Add($"{t.Variant} λ={t.Lambda:G} seed {t.Seed} {signal.Name} (%): auc {P(report.Auc)} tpr@0.1%fpr {P(report.TprAt(0.001))} " +
                          $"tpr@1%fpr {P(report.TprAt(0.01))} best balanced acc {P(report.OptimisticBalancedAccuracy)}");
            }
            var correct = CorrectClassificationRule.Correct(t.Members.Features, t.Members.Labels)
                .Concat(CorrectClassificationRule.Correct(t.NonMembers.Features, t.NonMembers.Labels)).ToArray();
            var ccr = ConfusionCounts.Above(new MembershipScores(correct.Select(c => c ? 1.0 : 0.0).ToArray(), isMember), CorrectClassificationRule.Threshold);
            lines.Add($"{t.Variant} λ={t.Lambda:G} seed {t.Seed} ccr (%): accuracy {P(ccr.Accuracy)} tpr {P(ccr.Tpr)} fpr {P(ccr.Fpr)}");
        }
        SnapshotFiles.Match(lines, "Regression_Bindila2021_SignalAttacks");
    }

    static string G(double? value) => value?.ToString("G9", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>A rate in %, the project's one unit for rates and AUC (MetricUnits).</summary>
    static string P(double rate) => G(100 * rate);

    static string G(Stat stat) => $"{G(stat.Mean)}±{G(stat.Std)}";
}
