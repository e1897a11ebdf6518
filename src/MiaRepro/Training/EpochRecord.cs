using System.Text.Json.Serialization;
using MiaRepro.Training.DpSgd;

namespace MiaRepro.Training;

/// <summary>One epoch of training: mean loss over batches, accuracies in %, and two memory readings kept to show that
/// memory stays flat (every batch runs in its own dispose scope): the process's resident memory and the number of live
/// TorchSharp tensors (<c>Tensor.TotalCount</c>; a tensor escaping a scope per batch makes it climb). With DP-SGD,
/// <see cref="Privacy"/> is the ε spent so far (null otherwise, and then not written).</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double TestAccuracy, double ResidentMb, long LiveTensors = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrivacySpent? Privacy = null);
