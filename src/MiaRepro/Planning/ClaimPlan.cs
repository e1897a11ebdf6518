namespace MiaRepro.Planning;

/// <summary>One claim's plan: its models, priced, or why it has none (its dataset is absent, or its kind does not list
/// its models), in which case <see cref="NotPlanned"/> names the problem and the fix.</summary>
public sealed record ClaimPlan(string Claim, string Kind, IReadOnlyList<PricedModel> Models, string? NotPlanned = null)
{
    public PlanSummary Summary => PlanSummary.Of(Models);

    /// <summary>Price sources by model: which benchmark row priced each model type (or "unknown").</summary>
    public IEnumerable<(string What, string Cpu, string Gpu)> Sources =>
        Models.DistinctBy(m => m.What).Select(m => (m.What, m.Cpu?.Source ?? "unknown", m.Gpu?.Source ?? "unknown"));
}
