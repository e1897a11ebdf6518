using MiaRepro.Training.DpSgd;

namespace MiaRepro.Training;

/// <summary>How many optimizer steps training a model takes, known before it trains (what `miarepro plan` prices):
/// epochs × ⌈members / batch size⌉ for the trainers, or DP-SGD's sampler's steps an epoch (<see cref="DpSampler"/>).</summary>
public static class ModelSteps
{
    public static long Of(TrainingSpec training, long members) =>
        members < 1 ? throw new ArgumentException($"A model needs at least one member to train on, not {members}.")
        : training.Epochs * (training.Dp is { } dp ? DpSampler.StepsPerEpochOf(dp.Sampling, members, training.BatchSize) : (members + training.BatchSize - 1) / training.BatchSize);
}
