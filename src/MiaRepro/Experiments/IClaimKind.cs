namespace MiaRepro.Experiments;

/// <summary>
/// One experiment kind as a strategy: which settings it needs (<see cref="Validate"/>), which models it trains and which
/// attacks it runs on their outputs (<see cref="Run"/>). Registered once in <see cref="ClaimKinds"/>; the runner never
/// switches on a kind's name, so a new attack family is its attack, its kind and its experiment files.
/// </summary>
public interface IClaimKind
{
    /// <summary>The experiment files' <c>kind</c>.</summary>
    string Name { get; }

    /// <summary>Checks the kind's own keys of a resolved spec; throws <see cref="ArgumentException"/> naming the key.</summary>
    void Validate(ExperimentSpec spec);

    ClaimResult Run(ClaimContext context, IReadOnlyList<ExperimentSpec> variants);

    /// <summary>The models <see cref="Run"/> trains for <paramref name="variants"/>, listed without training (`miarepro
    /// plan`), from the same job builders the run uses so their keys are the store's; <paramref name="dataset"/> loads a
    /// dataset by name. Null (the default) where a kind does not list them: a plan then says so instead of guessing.</summary>
    IReadOnlyList<Training.PlannedModel>? Models(IReadOnlyList<ExperimentSpec> variants, Func<string, Data.Dataset> dataset) => null;
}
