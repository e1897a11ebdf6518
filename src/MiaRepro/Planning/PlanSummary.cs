namespace MiaRepro.Planning;

/// <summary>
/// What a set of models costs: how many, how many the store holds, their steps, and CPU- and GPU-hours for all of them
/// and for those still to train. Hours add only priced models; <see cref="CpuUnpriced"/> and <see cref="GpuUnpriced"/>
/// count the models no benchmark prices, so a total never hides them.
/// </summary>
public sealed record PlanSummary(int Models, int Stored, long Steps, long StepsToTrain, double CpuHours, double CpuHoursToTrain, int CpuUnpriced,
    double GpuHours, double GpuHoursToTrain, int GpuUnpriced)
{
    /// <summary>Each key counted once: a model two claims share is trained once.</summary>
    public static PlanSummary Of(IEnumerable<PricedModel> models)
    {
        var distinct = models.DistinctBy(m => m.Key).ToList();
        var toTrain = distinct.Where(m => !m.Stored).ToList();
        return new(distinct.Count, distinct.Count - toTrain.Count, distinct.Sum(m => m.Steps), toTrain.Sum(m => m.Steps),
            distinct.Sum(m => m.CpuHours ?? 0), toTrain.Sum(m => m.CpuHours ?? 0), distinct.Count(m => m.Cpu is null),
            distinct.Sum(m => m.GpuHours ?? 0), toTrain.Sum(m => m.GpuHours ?? 0), distinct.Count(m => m.Gpu is null));
    }
}
