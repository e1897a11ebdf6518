using MiaRepro.Experiments.SweepTargets;

namespace MiaRepro.Experiments.L2Sweep;

/// <summary>Bîndilă et al.'s accuracy claims: train the grid variant × λ × seed, check the train–test gap over λ.</summary>
public sealed class L2SweepKind : IClaimKind
{
    public string Name => "l2-sweep";

    public void Validate(ExperimentSpec spec) => Sweep.ValidateLambdas(spec);

    public IReadOnlyList<Training.PlannedModel> Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset) =>
        L2SweepRunner.Planned(variants, dataset(variants[0].Dataset));

    public ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants)
    {
        var spec = variants[0];
        var (cells, split) = Sweep.Runner(context, spec).Run(variants);
        var rows = L2SweepRunner.Summarize(cells);
        var figures = variants.Select(v => L2SweepFigures.AccuracyVsEpoch(v.Variant, cells)).Append(L2SweepFigures.GapVsLambda(rows)).ToList();
        var plotNames = variants.Select(v => $"accuracy-vs-epoch-{v.Variant}.png").Append("gap-vs-lambda.png").ToList();
        // The sweep's metrics.json keeps the attack fields empty: one shape for every claim on these targets.
        return SweepClaimWriter.Write<object>(context, variants, cells, split, figures, plotNames,
            attack: null, attackRows: [], attackSeedMeans: spec.Seeds.Length > 1 ? Array.Empty<object>() : null, attackMeasurements: []);
    }
}
