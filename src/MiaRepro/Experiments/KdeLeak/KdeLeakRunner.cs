using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Metrics;
using MiaRepro.Signals;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// Targets from the l2-sweep (trained once, cached) → per-example loss signals on all members and non-members →
/// for each loss and leak %, <see cref="KdeLeakSpec.Trials"/> leak samples (seed = trial) → the KDE attack, evaluated
/// held-out and in-sample (0.5 rule, ROC, the authors' normalized cells) → rows of mean ± std over trials.
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
                    return (HeldOut: KdeEvaluation.Trial.Of(result.HeldOut, result.HeldOutRanking),
                        InSample: KdeEvaluation.Trial.Of(result.InSample, result.InSampleRanking),
                        Distance: Wasserstein.Distance(sample.KnownMembers, sample.Private),
                        Kl: KlDivergence.BetweenSamples(sample.KnownMembers, sample.Private));
                }).ToList();
                rows.Add(new KdeLeakRow(cell.Variant, cell.Lambda, lossName, leak,
                    KdeEvaluation.Of(trials.Select(t => t.HeldOut).ToList()), KdeEvaluation.Of(trials.Select(t => t.InSample).ToList()),
                    Stat.Of(trials.Select(t => t.Distance)), Stat.Of(trials.Select(t => t.Kl))));
            }
        }
        return rows;
    }
}
