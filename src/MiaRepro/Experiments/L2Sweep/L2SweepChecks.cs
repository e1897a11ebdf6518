namespace MiaRepro.Experiments.L2Sweep;

/// <summary>Evaluates a claim's <see cref="ClaimCheck"/> on the sweep's rows.</summary>
public static class L2SweepChecks
{
    public static ClaimOutcome Evaluate(ExperimentSpec spec, IReadOnlyList<SweepRow> rows)
    {
        var check = spec.Check;
        var lines = new List<CheckLine>();
        foreach (var variant in rows.Select(r => r.Variant).Distinct())
        {
            var byLambda = rows.Where(r => r.Variant == variant).OrderBy(r => r.Lambda).ToList();
            switch (check.Kind)
            {
                case "gap-at-least":
                {
                    var row = At(byLambda, 0, variant);
                    var bound = row.Gap.Mean - check.Sigmas * row.Gap.Std;
                    lines.Add(new(variant, "gap at λ=0 (points)", null, row.Gap.Mean, null, bound >= check.Threshold ? "holds" : "fails",
                        $"mean {row.Gap} − {check.Sigmas}σ = {bound:F2} vs threshold {check.Threshold}"));
                    break;
                }
                case "gap-decreasing":
                    for (var i = 1; i < byLambda.Count; i++)
                    {
                        var (a, b) = (byLambda[i - 1], byLambda[i]);
                        lines.Add(new(variant, $"gap λ={a.Lambda:G} → λ={b.Lambda:G}", null, b.Gap.Mean - a.Gap.Mean, null,
                            b.Gap.Mean < a.Gap.Mean ? "holds" : "fails", $"{a.Gap} → {b.Gap}"));
                    }
                    break;
                case "gap-near":
                {
                    var row = At(byLambda, 0, variant);
                    var paper = PaperValue(spec, 0, "train") - PaperValue(spec, 0, "test");
                    lines.Add(Compare(spec, variant, "no regularization", "gap", paper, row.Gap.Mean));
                    break;
                }
                case "table":
                    foreach (var value in spec.PaperValues)
                    {
                        var row = byLambda.FirstOrDefault(r => r.Lambda == value.Lambda);
                        if (row is null)
                        {
                            lines.Add(new(variant, $"{value.Row}: {value.Metric}", value.Value, null, check.Tolerance, "not-run",
                                $"λ={value.Lambda:G} is not in this profile's lambdas"));
                            continue;
                        }
                        var measured = value.Metric switch
                        {
                            "train" => row.Train.Mean,
                            "test" => row.Test.Mean,
                            _ => throw new ExperimentException($"paperValues: metric '{value.Metric}' is unknown: use train or test."),
                        };
                        lines.Add(Compare(spec, variant, value.Row, value.Metric, value.Value, measured));
                    }
                    break;
                case "none":
                    foreach (var row in byLambda)
                        lines.Add(new(variant, $"λ={row.Lambda:G} train/test/gap", null, row.Gap.Mean, null, "measured",
                            $"train {row.Train}, test {row.Test}, gap {row.Gap}"));
                    break;
            }
        }
        return new(check.Kind, lines, check.Why);
    }

    static CheckLine Compare(ExperimentSpec spec, string variant, string rowName, string metric, double paper, double measured)
    {
        var check = spec.Check;
        var what = $"{rowName}: {metric}";
        if (Math.Abs(measured - paper) <= check.Tolerance)
            return new(variant, what, paper, measured, check.Tolerance, "reproduces", $"|{measured:F2} − {paper:F2}| ≤ {check.Tolerance}");
        var recorded = check.Deviations.FirstOrDefault(d => d.Variant == variant && d.Row == rowName && d.Metric == metric);
        if (recorded is null)
            return new(variant, what, paper, measured, check.Tolerance, "fails",
                $"|{measured:F2} − {paper:F2}| > {check.Tolerance} and no deviation is recorded for it in the experiment");
        return Math.Abs(measured - recorded.Measured) <= check.StabilityTolerance
            ? new(variant, what, paper, measured, check.Tolerance, "deviates",
                $"paper {paper:F2}, measured {measured:F2} (recorded {recorded.Measured:F2} ± {check.StabilityTolerance}): {recorded.Reason}")
            : new(variant, what, paper, measured, check.Tolerance, "fails",
                $"recorded deviation {recorded.Measured:F2} ± {check.StabilityTolerance} no longer matches the measured {measured:F2}");
    }

    static SweepRow At(List<SweepRow> rows, double lambda, string variant) =>
        rows.FirstOrDefault(r => r.Lambda == lambda)
        ?? throw new ExperimentException($"The check needs λ={lambda:G} but variant {variant} did not train it: add it to lambdas.");

    static double PaperValue(ExperimentSpec spec, double lambda, string metric) =>
        spec.PaperValues.FirstOrDefault(v => v.Lambda == lambda && v.Metric == metric)?.Value
        ?? throw new ExperimentException($"{spec.Paper}/{spec.Claim}: paperValues has no {metric} value for λ={lambda:G}.");
}
