using MiaRepro.Attacks;
using MiaRepro.Data;
using MiaRepro.Experiments.SweepTargets;
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
    /// <summary>Densities drawn per loss and leak %, on this many grid points (trial 0's KDEs).</summary>
    const int DensityPoints = 200;

    public static (IReadOnlyList<KdeLeakRow> Rows, IReadOnlyList<KdeDensityCurve> Densities) Attack(KdeLeakSpec attack, SweepCell cell,
        LabelledData memberLogits, LabelledData nonMemberLogits)
    {
        var rows = new List<KdeLeakRow>();
        var densities = new List<KdeDensityCurve>();
        foreach (var lossName in attack.Losses)
        {
            // Raw values (a loss, not its negation): the KDE is orientation-free and the densities are drawn over losses.
            var signal = SignalRegistry.Get(lossName);
            var memberLosses = signal.Compute(memberLogits.Features, memberLogits.Labels);
            var nonMemberLosses = signal.Compute(nonMemberLogits.Features, nonMemberLogits.Labels);
            foreach (var leak in attack.LeakPercents)
            {
                // Trials are independent and seeded by their index: parallel, results in trial order.
                var trials = Enumerable.Range(0, attack.Trials).AsParallel().AsOrdered().Select(trial =>
                {
                    var sample = LeakSampler.Draw(memberLosses, nonMemberLosses, leak, seed: trial, attack.HeldOutFraction);
                    var attacker = new KdeGreyBoxAttack(sample.KnownMembers, sample.Private);
                    var result = attacker.Evaluate(sample);
                    return (HeldOut: KdeEvaluation.Trial.Of(result.HeldOut, result.HeldOutRanking),
                        InSample: KdeEvaluation.Trial.Of(result.InSample, result.InSampleRanking),
                        Distance: Wasserstein.Distance(sample.KnownMembers, sample.Private),
                        Kl: KlDivergence.BetweenSamples(sample.KnownMembers, sample.Private),
                        Density: trial == 0 ? Density(cell, lossName, leak, attacker) : null);
                }).ToList();
                densities.Add(trials[0].Density!);
                rows.Add(KdeLeakRow.Of(cell.Variant, cell.Lambda, lossName, leak,
                    KdeEvaluation.Of(trials.Select(t => t.HeldOut).ToList()), KdeEvaluation.Of(trials.Select(t => t.InSample).ToList()),
                    trials.Select(t => t.Distance), trials.Select(t => t.Kl)));
            }
        }
        return (rows, densities);
    }

    /// <summary>Trial 0's two KDEs on a common grid over both samples (3 bandwidths beyond), as linear densities.</summary>
    static KdeDensityCurve Density(SweepCell cell, string loss, double leak, KdeGreyBoxAttack attack)
    {
        var pad = 3 * Math.Max(attack.Known.Bandwidth, attack.Private.Bandwidth);
        double lo = Math.Min(attack.Known.Minimum, attack.Private.Minimum) - pad, hi = Math.Max(attack.Known.Maximum, attack.Private.Maximum) + pad;
        var grid = Enumerable.Range(0, DensityPoints).Select(i => lo + (hi - lo) * i / (DensityPoints - 1)).ToArray();
        return new(cell.Variant, cell.Lambda, loss, leak, grid,
            grid.Select(x => Math.Exp(attack.Known.LogDensity(x))).ToArray(), grid.Select(x => Math.Exp(attack.Private.LogDensity(x))).ToArray());
    }
}
