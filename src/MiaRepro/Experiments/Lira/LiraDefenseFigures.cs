using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Measurements;
using MiaRepro.Plots;
using MiaRepro.Training.DpSgd;

namespace MiaRepro.Experiments.Lira;

/// <summary>A lira claim's variants as defenses, drawn by <see cref="DefenseFigures"/>: LiRA online (global σ, every other
/// model a reference) against test accuracy per defense, on the canaries when planted; for privacy budgets against ε,
/// beside what DP allows this evaluation (<see cref="Privacy.DpTradeOff.MaxTprReplaceOne"/>: an OUT model trains on an
/// IN model's set with the example replaced).</summary>
static class LiraDefenseFigures
{
    public static readonly string LiraLabel = AttackScores.LabelOf(Attacks.LikelihoodRatio.Lira.OnlineName, LiraVariance.Global, null, false);

    public static string EpsilonText(DpSgdSpec dp) => dp.Epsilon is { } e ? $"ε = {e:G}" : "ε = ∞ (σ = 0)";

    /// <summary>A variant's defense in a legend: its privacy budget, release, distillation or L2.</summary>
    public static string DefenseText(ExperimentSpec spec) => spec.Training.Dp is { } dp ? $"DP-SGD {EpsilonText(dp)}"
        : spec.Lira.Release is { } release ? release.Label : spec.Lira.Distillation is { } d ? $"distillation T={d.Temperature:G}"
        : spec.Training.L2.Lambda > 0 ? $"L2 λ={spec.Training.L2.Lambda:G}" : "no defense";

    public sealed record Variant(ExperimentSpec Spec, IReadOnlyList<LiraAttackRow> Rows, IReadOnlyList<LiraRunner.Member> Members)
    {
        /// <summary>LiRA online's TPR at <paramref name="fpr"/>, mean over seeds, on every example or on the canaries.</summary>
        public double Tpr(double fpr, bool onCanaries) => Rows.Where(x => x.Keep == LiraRunner.TrueKeep && x.References is null && x.Label == LiraLabel
                && x.Examples == (onCanaries ? LiraRunner.CanaryExamples : Spec.Lira.Canaries > 0 ? LiraRunner.AllExamples : null))
            .Average(x => x[MetricUnits.TprAtFpr(fpr)]);

        public double TestAccuracy => Members.Average(m => m.TestAccuracy);

        public DefenseFigures.Budget Budget(double fpr) => new(Spec.Training.Dp!.Epsilon, Tpr(fpr, false), TestAccuracy,
            Spec.Training.Dp.Epsilon is { } e ? 100 * Privacy.DpTradeOff.MaxTprReplaceOne(e, Spec.Training.Dp.Delta, fpr) : null);
    }

    /// <summary>The figures and their file names.</summary>
    public static IEnumerable<(Figure Figure, string Name)> Of(IReadOnlyList<Variant> variants)
    {
        var canaries = variants[0].Spec.Lira.Canaries;
        if (variants.All(v => v.Spec.Training.Dp is not null))
            return [.. LiraRunner.Fprs.Select(f => (DefenseFigures.TprVsEpsilon(LiraLabel, f, "e^2ε·FPR + (1 + e^ε)δ", [.. variants.Select(v => v.Budget(f))]), $"tpr-at-{100 * f:G}pct-fpr-vs-epsilon.png")),
                (DefenseFigures.AccuracyVsEpsilon([.. variants.Select(v => v.Budget(LiraRunner.Fprs[0]))]), "test-accuracy-vs-epsilon.png")];
        return LiraRunner.Fprs.Select(f => (DefenseFigures.TprVsAccuracy(LiraLabel, canaries > 0 ? $"the {canaries} canaries" : "every example", f,
            [.. variants.Select(v => (DefenseText(v.Spec), v.TestAccuracy, v.Tpr(f, canaries > 0)))]), $"tpr-at-{100 * f:G}pct-fpr-vs-test-accuracy.png"));
    }
}
