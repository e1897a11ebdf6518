namespace MiaRepro.Experiments;

/// <summary>
/// Runs one claim end to end: loads its variants and hands them to the claim's kind (<see cref="ClaimKinds"/>), which
/// trains (cached) → measures → checks → writes results/&lt;profile&gt;/&lt;paper&gt;/&lt;claim&gt;/ through <see cref="ClaimContext"/>.
/// </summary>
public sealed class ClaimRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<string, Training.EpochRecord>? OnEpoch { get; init; }

    public ClaimResult Run(string experimentPath)
    {
        var variants = ExperimentLoader.Load(experimentPath, settings.Profile, settings.Configuration);
        if (ExperimentLoader.VariantFilter(settings.Configuration) is not null && WritesIntoRepositoryResults(settings))
            throw new ExperimentException(
                $"Variants={settings.Configuration["VARIANTS"]} runs part of a claim, which would replace its full results in {settings.Results}. Give --results DIR outside the repository's results/.");
        try { return ClaimKinds.Get(variants[0].Kind).Run(new ClaimContext(settings, Log, OnEpoch) { Variants = variants }, variants); }
        catch (Training.TrainingDivergedException e) { throw e.ForClaim($"{variants[0].Paper}/{variants[0].Claim}"); }
    }

    /// <summary>Whether results go to the repository's results/ or a folder in it (not merely a sibling such as results-probe/).</summary>
    internal static bool WritesIntoRepositoryResults(MiaReproSettings settings)
    {
        var relative = Path.GetRelativePath(Path.Combine(settings.Root, "results"), settings.Results);
        return relative == "." || !(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }
}
