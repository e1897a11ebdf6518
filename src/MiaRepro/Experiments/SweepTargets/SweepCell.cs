using MiaRepro.Metrics;
using MiaRepro.Training;

namespace MiaRepro.Experiments.SweepTargets;

/// <summary>One trained model of the sweep: variant × λ × seed, its final accuracies (%), its epoch history and its
/// model-cache key (what results derived from the model are cached under).</summary>
public sealed record SweepCell(string Variant, double Lambda, int Seed, double TrainAccuracy, double TestAccuracy,
    IReadOnlyList<EpochRecord> History, bool FromCache, [property: System.Text.Json.Serialization.JsonIgnore] string ModelKey = "")
{
    public double Gap => TrainAccuracy - TestAccuracy;
}

/// <summary>A variant × λ row over seeds.</summary>
public sealed record SweepRow(string Variant, double Lambda, Stat Train, Stat Test, Stat Gap);
