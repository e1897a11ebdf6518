using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Measurements;
using MiaRepro.Plots;
using MiaRepro.Training.DpSgd;

namespace MiaRepro.Experiments.Lira;

/// <summary>The privacy–utility curve: LiRA online's TPR at a low FPR and the members' test accuracy against ε (mean over
/// seeds), ε = ∞ drawn at twice the largest finite budget; beside the TPR, what (ε, δ)-DP allows this evaluation
/// (<see cref="Privacy.DpTradeOff.MaxTprReplaceOne"/>: an OUT model trains on an IN model's set with the example replaced).</summary>
static class LiraBudgetFigures
{
    public static readonly string LiraLabel = AttackScores.LabelOf(Attacks.LikelihoodRatio.Lira.OnlineName, LiraVariance.Global, null, false);

    public static string EpsilonText(DpSgdSpec dp) => dp.Epsilon is { } e ? $"ε = {e:G}" : "ε = ∞ (σ = 0)";

    public static Figure TprVsEpsilon(IReadOnlyList<(DpSgdSpec Dp, IReadOnlyList<LiraAttackRow> Rows, IReadOnlyList<LiraRunner.Member> Members)> runs, double fpr)
    {
        var at = Positions(runs.Select(r => r.Dp).ToList());
        var metric = MetricUnits.TprAtFpr(fpr);
        var tpr = runs.Select(r => r.Rows.Where(x => x.Keep == LiraRunner.TrueKeep && x.References is null && x.Label == LiraLabel).Average(x => x[metric])).ToArray();
        var finite = runs.Select((r, i) => (r.Dp.Epsilon, X: at[i])).Where(p => p.Epsilon is not null).ToList();
        var floor = 100 * fpr / 10;   // a TPR of 0 drawn a decade below the FPR
        List<Series> series =
        [
            new($"{LiraLabel}, every other model a reference (mean over seeds)", at, [.. tpr.Select(t => Math.Max(t, floor))]),
            new("(ε, δ)-DP allows at most e^2ε·FPR + (1 + e^ε)δ", [.. finite.Select(p => p.X)], [.. finite.Select(p => 100 * Privacy.DpTradeOff.MaxTprReplaceOne(p.Epsilon!.Value, runs[0].Dp.Delta, fpr))]),
            new("chance (TPR = FPR)", [at.Min(), at.Max()], [100 * fpr, 100 * fpr]),
        ];
        return new($"DP-SGD against LiRA: TPR at {100 * fpr:G}% FPR per privacy budget", $"ε (∞ drawn at {at.Max():G})",
            $"TPR at {100 * fpr:G}% FPR (%; 0 drawn at {floor:G})", series, LogX: true, LogY: true);
    }

    public static Figure AccuracyVsEpsilon(IReadOnlyList<(DpSgdSpec Dp, IReadOnlyList<LiraAttackRow> Rows, IReadOnlyList<LiraRunner.Member> Members)> runs)
    {
        var at = Positions(runs.Select(r => r.Dp).ToList());
        return new("DP-SGD's cost: the members' test accuracy per privacy budget", $"ε (∞ drawn at {at.Max():G})", "test accuracy (%, mean over members and seeds)",
            [new("test accuracy", at, [.. runs.Select(r => r.Members.Average(m => m.TestAccuracy))])], LogX: true);
    }

    /// <summary>Each budget's x: its ε, and ∞ at twice the largest finite one (or 1 when none is finite).</summary>
    static double[] Positions(IReadOnlyList<DpSgdSpec> dps)
    {
        var infinity = 2 * dps.Select(d => d.Epsilon ?? 0).DefaultIfEmpty(0).Max() is var x && x > 0 ? x : 1;
        return [.. dps.Select(d => d.Epsilon ?? infinity)];
    }
}
