using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// Targets from the l2-sweep (trained once, cached) → per-example loss signals on all members and non-members →
/// for each loss and leak %, <see cref="KdeLeakSpec.Trials"/> leak samples (seed = trial) → the KDE attack, evaluated
/// held-out and in-sample at its 0.5 rule → rows of mean ± std over trials.
/// </summary>
public static class KdeLeakRunner
{
    public static IReadOnlyList<KdeLeakRow> Attack(KdeLeakSpec attack, SweepCell cell, LabelledData memberLogits, LabelledData nonMemberLogits)
    {
        var rows = new List<KdeLeakRow>();
        foreach (var lossName in attack.Losses)
        {
            var signal = LossSignalNames.Parse(lossName);
            var memberLosses = LossSignals.Compute(signal, memberLogits.Features, memberLogits.Labels);
            var nonMemberLosses = LossSignals.Compute(signal, nonMemberLogits.Features, nonMemberLogits.Labels);
            foreach (var leak in attack.LeakPercents)
            {
                // Trials are independent and seeded by their index: parallel, results in trial order.
                var trials = Enumerable.Range(0, attack.Trials).AsParallel().AsOrdered().Select(trial =>
                {
                    var sample = LeakSampler.Draw(memberLosses, nonMemberLosses, leak, seed: trial, attack.HeldOutFraction);
                    var result = KdeGreyBoxAttack.Run(sample);
                    return (HeldOut: ConfusionCounts.Above(result.HeldOut, KdeGreyBoxAttack.Threshold),
                        InSample: ConfusionCounts.Above(result.InSample, KdeGreyBoxAttack.Threshold),
                        Distance: Wasserstein.Distance(sample.KnownMembers, sample.Private));
                }).ToList();
                rows.Add(new KdeLeakRow(cell.Variant, cell.Lambda, lossName, leak,
                    Stat.Of(trials.Select(t => 100 * t.HeldOut.Accuracy)), Stat.Of(trials.Select(t => 100 * t.HeldOut.Tpr)),
                    Stat.Of(trials.Select(t => 100 * t.HeldOut.Fpr)), Stat.Of(trials.Select(t => 100 * t.InSample.Accuracy)),
                    Stat.Of(trials.Select(t => 100 * t.InSample.Tpr)), Stat.Of(trials.Select(t => 100 * t.InSample.Fpr)),
                    Stat.Of(trials.Select(t => t.Distance))));
            }
        }
        return rows;
    }
}
