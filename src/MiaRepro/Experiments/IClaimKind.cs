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

}
