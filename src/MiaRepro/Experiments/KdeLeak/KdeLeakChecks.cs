namespace MiaRepro.Experiments.KdeLeak;

/// <summary>Evaluates a kde-leak claim's check on the attack rows (held-out evaluation: the honest headline).</summary>
public static class KdeLeakChecks
{
    public static ClaimOutcome Evaluate(ExperimentSpec spec, IReadOnlyList<KdeLeakRow> rows)
    {
        var check = spec.Check;
        var lines = new List<CheckLine>();
        foreach (var variant in rows.Select(r => r.Variant).Distinct())
        {
            var before = rows.Where(r => r.Variant == variant && r.Lambda == 0).ToList();
            var after = rows.Where(r => r.Variant == variant && r.Lambda == check.DefendedLambda).ToList();
            if (check.Kind != "none" && (before.Count == 0 || after.Count == 0))
                throw new ExperimentException($"{spec.Paper}/{spec.Claim}: the check needs targets at λ=0 and λ={check.DefendedLambda:G}: add both to lambdas.");
            switch (check.Kind)
            {
                case "kde-drops":
                    foreach (var loss in spec.Attack.Losses)
                    {
                        var accBefore = before.Where(r => r.Loss == loss).Average(r => r.HeldOutAccuracy.Mean);
                        var accAfter = after.Where(r => r.Loss == loss).Average(r => r.HeldOutAccuracy.Mean);
                        lines.Add(new(variant, $"{loss}: attack works at λ=0 (held-out acc %)", null, accBefore, check.Tolerance,
                            accBefore > 50 + check.Tolerance ? "holds" : "fails", $"mean over leak % {accBefore:F2} vs 50 + {check.Tolerance}"));
                        lines.Add(new(variant, $"{loss}: L2 λ={check.DefendedLambda:G} lowers it (points)", null, accBefore - accAfter, null,
                            accBefore - accAfter > check.Threshold ? "holds" : "fails", $"{accBefore:F2} → {accAfter:F2}, drop > {check.Threshold}"));
                    }
                    break;
                case "kde-defense":
                    foreach (var r in after)
                        lines.Add(new(variant, $"λ={r.Lambda:G} {r.Loss} leak {r.LeakPercent:G}%: held-out acc ≈ 50", 50, r.HeldOutAccuracy.Mean, check.Tolerance,
                            Math.Abs(r.HeldOutAccuracy.Mean - 50) <= check.Tolerance ? "reproduces" : "fails", $"{r.HeldOutAccuracy} over {r.HeldOutAccuracy.Values.Length} trials"));
                    var notFifty = before.Count(r => Math.Abs(r.HeldOutAccuracy.Mean - 50) > check.Tolerance);
                    lines.Add(new(variant, "negative control: the same check on the λ=0 target fails", null, notFifty, null,
                        2 * notFifty > before.Count ? "holds" : "fails",
                        $"{notFifty} of {before.Count} undefended settings are outside 50 ± {check.Tolerance} (max {before.Max(r => r.HeldOutAccuracy.Mean):F2}%)"));
                    break;
                case "none":
                    foreach (var r in rows.Where(r => r.Variant == variant))
                        lines.Add(new(variant, $"λ={r.Lambda:G} {r.Loss} leak {r.LeakPercent:G}%", null, r.HeldOutAccuracy.Mean, null, "measured",
                            $"held-out acc {r.HeldOutAccuracy}, TPR {r.HeldOutTpr}, FPR {r.HeldOutFpr}; in-sample acc {r.InSampleAccuracy}"));
                    break;
                default:
                    throw new ExperimentException($"check:kind '{check.Kind}' does not apply to a kde-leak claim: use kde-drops, kde-defense or none.");
            }
        }
        return new(check.Kind, lines, check.Why);
    }
}
