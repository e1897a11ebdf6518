namespace MiaRepro.Experiments.L2Sweep;

/// <summary>Bîndilă et al.'s accuracy claims: train the grid variant × λ × seed, check the train–test gap over λ.</summary>
public sealed class L2SweepKind : IClaimKind
{
    public string Name => "l2-sweep";

    public void Validate(ExperimentSpec spec) => ValidateLambdas(spec);

    /// <summary>The sweep's λ's (shared by every kind that trains on the sweep).</summary>
    public static void ValidateLambdas(ExperimentSpec spec)
    {
        if (spec.Lambdas.Length == 0 || spec.Lambdas.Any(l => l < 0) || spec.Lambdas.Distinct().Count() != spec.Lambdas.Length)
            throw new ArgumentException("lambdas must list distinct values ≥ 0.");
    }

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var spec = variants[0];
        var (cells, split) = Runner(context, spec).Run(variants);
        var rows = L2SweepRunner.Summarize(cells);
        var figures = variants.Select(v => L2SweepFigures.AccuracyVsEpoch(v.Variant, cells)).Append(L2SweepFigures.GapVsLambda(rows)).ToList();
        var plotNames = variants.Select(v => $"accuracy-vs-epoch-{v.Variant}.png").Append("gap-vs-lambda.png").ToList();
        // The sweep's metrics.json keeps the attack fields empty: one shape for every claim on these targets.
        return SweepClaimWriter.Write(context, variants, cells, split, figures, plotNames,
            attack: null, attackRows: [], attackSeedMeans: spec.Seeds.Length > 1 ? Array.Empty<object>() : null);
    }

    /// <summary>The sweep's trainer, logging each cell as it finishes.</summary>
    public static L2SweepRunner Runner(ClaimContext context, ExperimentSpec spec, Action<SweepCell, Data.LabelledData, Data.LabelledData>? onLogits = null) =>
        new(context.Settings)
        {
            Log = context.Log, OnEpoch = context.OnEpoch, OnLogits = onLogits, OnModel = context.Used,
            OnCell = c => context.Log?.Invoke($"{spec.Claim}: {c.Variant} λ={c.Lambda:G} seed {c.Seed}: train {c.TrainAccuracy:F2}% test {c.TestAccuracy:F2}%{(c.FromCache ? " (cached)" : "")}"),
        };
}
