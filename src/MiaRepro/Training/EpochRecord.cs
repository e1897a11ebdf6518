namespace MiaRepro.Training;

/// <summary>One epoch of training: mean loss over batches, accuracies in %, and the process's resident memory
/// (kept to show it stays flat: every batch runs in its own dispose scope).</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double TestAccuracy, double ResidentMb);
