namespace MiaRepro.Plots;

/// <summary>
/// Defenses against a membership attack, from numbers: per defense one point of test accuracy against the attack's TPR
/// at a low FPR (Aerni et al. 2024's view: the better defense sits lower at the same accuracy), and for privacy budgets
/// the privacy–utility curve — TPR and test accuracy against ε, ∞ drawn at twice the largest finite ε — beside the TPR
/// (ε, δ)-DP allows. Rates in %.
/// </summary>
public static class DefenseFigures
{
    /// <param name="Epsilon">null: ∞ (no noise).</param>
    /// <param name="AllowedTpr">What DP allows at this ε and FPR (null at ∞).</param>
    public sealed record Budget(double? Epsilon, double Tpr, double TestAccuracy, double? AllowedTpr);

    public static Figure TprVsAccuracy(string attack, string on, double fpr, IReadOnlyList<(string Defense, double TestAccuracy, double Tpr)> points) =>
        new($"Defenses against {attack} on {on}: TPR at {100 * fpr:G}% FPR against test accuracy", "test accuracy (%, mean over models and seeds)",
            $"TPR at {100 * fpr:G}% FPR on {on} (%)",
            [.. points.Select(p => new Series(p.Defense, [p.TestAccuracy], [p.Tpr]) { MarkersOnly = true }),
             new("chance (TPR = FPR)", [points.Min(p => p.TestAccuracy), points.Max(p => p.TestAccuracy)], [100 * fpr, 100 * fpr])]);

    public static Figure TprVsEpsilon(string attack, double fpr, string allowed, IReadOnlyList<Budget> budgets)
    {
        var at = Positions(budgets);
        var floor = 100 * fpr / 10;   // a TPR of 0 drawn a decade below the FPR
        var finite = budgets.Select((b, i) => (b.AllowedTpr, X: at[i])).Where(p => p.AllowedTpr is not null).ToList();
        return new($"DP-SGD against {attack}: TPR at {100 * fpr:G}% FPR per privacy budget", $"ε (∞ drawn at {at.Max():G})",
            $"TPR at {100 * fpr:G}% FPR (%; 0 drawn at {floor:G})",
            [
                new($"{attack} (mean over seeds)", at, [.. budgets.Select(b => Math.Max(b.Tpr, floor))]),
                new($"(ε, δ)-DP allows at most {allowed}", [.. finite.Select(p => p.X)], [.. finite.Select(p => p.AllowedTpr!.Value)]),
                new("chance (TPR = FPR)", [at.Min(), at.Max()], [100 * fpr, 100 * fpr]),
            ], LogX: true, LogY: true);
    }

    public static Figure AccuracyVsEpsilon(IReadOnlyList<Budget> budgets)
    {
        var at = Positions(budgets);
        return new("DP-SGD's cost: test accuracy per privacy budget", $"ε (∞ drawn at {at.Max():G})", "test accuracy (%, mean over models and seeds)",
            [new("test accuracy", at, [.. budgets.Select(b => b.TestAccuracy)])], LogX: true);
    }

    /// <summary>Each budget's x: its ε, and ∞ at twice the largest finite one (or 1 when none is finite).</summary>
    static double[] Positions(IReadOnlyList<Budget> budgets)
    {
        var infinity = 2 * budgets.Select(b => b.Epsilon ?? 0).DefaultIfEmpty(0).Max() is var x && x > 0 ? x : 1;
        return [.. budgets.Select(b => b.Epsilon ?? infinity)];
    }
}
