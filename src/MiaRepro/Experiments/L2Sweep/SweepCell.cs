using MiaRepro.Training;

namespace MiaRepro.Experiments.L2Sweep;

/// <summary>One trained model of the sweep: variant × λ × seed, its final accuracies (%) and its epoch history.</summary>
public sealed record SweepCell(string Variant, double Lambda, int Seed, double TrainAccuracy, double TestAccuracy,
    IReadOnlyList<EpochRecord> History, bool FromCache)
{
    public double Gap => TrainAccuracy - TestAccuracy;
}

/// <summary>A variant × λ row over seeds.</summary>
public sealed record SweepRow(string Variant, double Lambda, Stat Train, Stat Test, Stat Gap);
