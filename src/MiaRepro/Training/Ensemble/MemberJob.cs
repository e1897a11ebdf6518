namespace MiaRepro.Training.Ensemble;

/// <summary>One member of a many-model set: its job (the model store's key), the rows of the shared pool it trains on
/// (<see cref="In"/>) and evaluates on (<see cref="Out"/>), and its seed (init, shuffling, augmentation).</summary>
public sealed record MemberJob(TrainingJob Job, long[] In, long[] Out, int Seed);
