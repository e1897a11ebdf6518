namespace MiaRepro.Experiments.SweepTargets;

/// <summary>The targets Bîndilă et al.'s claims share: the grid variant × λ × seed that l2-sweep checks and kde-leak and
/// defense-matrix attack. It lives below the kinds so that none of them imports another.</summary>
public static class Sweep
{
    /// <summary>The sweep's λ's.</summary>
    public static void ValidateLambdas(ExperimentSpec spec)
    {
        if (spec.Lambdas.Length == 0 || spec.Lambdas.Any(l => l < 0) || spec.Lambdas.Distinct().Count() != spec.Lambdas.Length)
            throw new ArgumentException("lambdas must list distinct values ≥ 0.");
    }

    /// <summary>The sweep's trainer, logging each cell as it finishes.</summary>
    public static L2SweepRunner Runner(ClaimContext context, ExperimentSpec spec, Action<SweepCell, Data.LabelledData, Data.LabelledData>? onLogits = null) =>
        new(context.Settings)
        {
            Log = context.Log, OnEpoch = context.OnEpoch, OnLogits = onLogits, OnModel = context.Used,
            OnCell = c => context.Log?.Invoke($"{spec.Claim}: {c.Variant} λ={c.Lambda:G} seed {c.Seed}: train {c.TrainAccuracy:F2}% test {c.TestAccuracy:F2}%{(c.FromCache ? " (cached)" : "")}"),
        };
}
