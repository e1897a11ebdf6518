namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>Evaluates a defense-matrix claim: its <see cref="DefenseAssertion"/>s, or (check kind "none") one
/// "measured" line per cell.</summary>
public static class DefenseMatrixChecks
{
    public static ClaimOutcome Evaluate(ExperimentSpec spec, IReadOnlyList<DefenseMatrixCell> cells, IReadOnlyList<DefenseUtility> utility)
    {
        var check = spec.Check;
        if (check.Kind == "none")
            return new("none", cells.Select(c => new CheckLine(c.Variant, $"{c.Attack} vs {c.Defense}", null, c.Advantage?.Mean, null, "measured",
                c.NotApplicable ?? $"advantage {c.Advantage}, accuracy {c.Accuracy}, AUC {c.Auc}, TPR@1%FPR {c.TprAt1PctFpr}; test accuracy " +
                $"{utility.First(u => u.Variant == c.Variant && u.Defense == c.Defense).TestAccuracy:F2}%")).ToList(), check.Why);
        if (check.Kind != "assertions")
            throw new ExperimentException($"check:kind '{check.Kind}' does not apply to a defense-matrix claim: use assertions or none.");
        var lines = new List<CheckLine>();
        foreach (var a in check.DefenseAssertions)
        foreach (var variant in utility.Select(u => u.Variant).Distinct().Where(v => a.Variant.Length == 0 || v == a.Variant))
            lines.Add(Line(spec, a, variant, cells, utility));
        return new(check.Kind, lines, check.Why);
    }

    static CheckLine Line(ExperimentSpec spec, DefenseAssertion a, string variant, IReadOnlyList<DefenseMatrixCell> cells, IReadOnlyList<DefenseUtility> utility)
    {
        double M(string defense, string attack)
        {
            if (a.Metric is "test-accuracy" or "train-accuracy")
            {
                var u = utility.FirstOrDefault(u => u.Variant == variant && u.Defense == defense)
                        ?? throw new ExperimentException($"{spec.Paper}/{spec.Claim}: '{a.What}' names defense '{defense}', not in the matrix ({string.Join(", ", utility.Select(u => u.Defense).Distinct())}).");
                return a.Metric == "test-accuracy" ? u.TestAccuracy : u.TrainAccuracy;
            }
            var cell = cells.FirstOrDefault(c => c.Variant == variant && c.Defense == defense && c.Attack == attack)
                       ?? throw new ExperimentException($"{spec.Paper}/{spec.Claim}: '{a.What}' names cell {defense} × {attack}, not in the matrix.");
            return cell.Get(a.Metric)?.Mean ?? throw new ExperimentException($"{spec.Paper}/{spec.Claim}: '{a.What}' reads {defense} × {attack}, which has no numbers: {cell.NotApplicable}");
        }
        var otherAttack = a.OtherAttack.Length > 0 ? a.OtherAttack : a.Attack;
        var m = M(a.Defense, a.Attack);
        var isUtility = a.Metric is "test-accuracy" or "train-accuracy";
        string Cell(string defense, string attack) => isUtility ? $"{a.Metric} of {defense}" : $"{attack} {a.Metric} vs {defense}";
        var subject = Cell(a.Defense, a.Attack);
        (double measured, bool holds, string detail) = a.Kind switch
        {
            "lower-than" => (m - M(a.Other, otherAttack), m <= M(a.Other, otherAttack) - a.Tolerance,
                $"{subject} {m:F2}, {Cell(a.Other, otherAttack)} {M(a.Other, otherAttack):F2}: change {m - M(a.Other, otherAttack):F2} ≤ −{a.Tolerance}"),
            "near-cell" => (m - M(a.Other, otherAttack), Math.Abs(m - M(a.Other, otherAttack)) <= a.Tolerance,
                $"{subject} {m:F2}, {Cell(a.Other, otherAttack)} {M(a.Other, otherAttack):F2}: difference {m - M(a.Other, otherAttack):F2}, |·| ≤ {a.Tolerance}"),
            "near" => (m, Math.Abs(m - a.Value) <= a.Tolerance, $"{subject} {m:F2} vs {a.Value} ± {a.Tolerance}"),
            "at-most" => (m, m <= a.Value, $"{subject} {m:F2} ≤ {a.Value}"),
            _ => (m, m >= a.Value, $"{subject} {m:F2} ≥ {a.Value}"),
        };
        if (a.Recorded is { } recorded)
        {
            var stable = Math.Abs(measured - recorded) <= a.Stability;
            return new(variant, a.What, null, measured, a.Stability, stable ? "deviates" : "fails",
                $"{detail}; does not hold here — recorded {recorded} ± {a.Stability} ({a.Reason}){(stable ? "" : $"; moved by {measured - recorded:F2}")}");
        }
        return new(variant, a.What, null, measured, a.Tolerance, holds ? "holds" : "fails", detail);
    }
}
