using System.Diagnostics;
using MiaRepro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Trains one model on preprocessed members and records per-epoch loss and accuracies (train per
/// <see cref="TrainingSpec.TrainAccuracy"/>, test on the non-members). Seeded shuffling; each batch in its own
/// dispose scope so memory stays flat over long runs; a non-finite loss stops training with the epoch and batch.
/// </summary>
public sealed class Trainer(TrainingSpec spec, Device device)
{
    /// <summary>Called after every epoch (for progress bars).</summary>
    public Action<EpochRecord>? OnEpoch { get; init; }

    /// <summary>
    /// Knowledge distillation (Hinton et al. 2015): a teacher's logits on the members, row-aligned with them, and the
    /// temperature T. The loss is then T²·H(softmax(teacher/T), softmax(student/T)), the soft-label cross-entropy (KL up
    /// to a constant), instead of cross-entropy with the labels; the student is used at T = 1 afterwards.
    /// </summary>
    public (Tensor Logits, double Temperature)? Teacher { get; init; }

    /// <summary>l-Leaks' α, β with <see cref="Teacher"/> (Li et al. Eq. 8); null: the defense's loss (<see cref="DistillationLoss"/>).</summary>
    public DistillationWeights? Weights { get; init; }

    public IReadOnlyList<EpochRecord> Train(nn.Module<Tensor, Tensor> model, LabelledData members, LabelledData nonMembers, int seed)
    {
        spec.Validate();
        if (spec.Dp is not null)
        {
            if (Teacher is not null) throw new ArgumentException("training:dp does not train distilled students (a teacher's soft labels).");
            return new DpSgd.DpSgdTrainer(spec, device) { OnEpoch = OnEpoch }.Train(model, members, nonMembers, seed);
        }
        model.to(device);
        var x = members.Features.to(device);
        var y = members.Labels.to(device);
        var n = y.shape[0];
        if (Teacher is { } t && (t.Logits.shape[0] != n || !(t.Temperature > 0)))
            throw new ArgumentException($"Distillation needs the teacher's logits for each of the {n} members (got {t.Logits.shape[0]}) and a temperature > 0 (got {t.Temperature}).");
        using var soft = Teacher is { } teacher ? (teacher.Logits.to(float32) / teacher.Temperature).softmax(1).to(device) : null;
        var optimizer = CreateOptimizer(spec, model);
        var penalized = model.named_parameters().Where(p => p.name.EndsWith("weight", StringComparison.Ordinal) && p.parameter.dim() > 1)
            .Select(p => p.parameter).ToList();
        var generator = new Generator((ulong)seed);
        var history = new List<EpochRecord>();
        long step = 0;

        for (var epoch = 1; epoch <= spec.Epochs; epoch++)
        {
            model.train();
            using var epochScope = NewDisposeScope();   // the epoch's order (and its CPU original) live until the epoch ends
            var order = (spec.Shuffle ? randperm(n, generator: generator) : arange(n)).to(device);
            double lossSum = 0;
            long correct = 0;
            var batches = 0;
            for (long start = 0; start < n; start += spec.BatchSize, batches++, step++)
            {
                using var scope = NewDisposeScope();
                if (spec.LrDecay > 0)
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = spec.LearningRate / (1 + spec.LrDecay * step);
                var index = order.narrow(0, start, Math.Min(spec.BatchSize, n - start));
                var xb = x.index_select(0, index);
                if (spec.Augment == "mirror") xb = Mirror.Randomly(xb, generator);
                var yb = y.index_select(0, index);
                optimizer.zero_grad();
                var logits = Models.TwoClassLogits.Expand(model.call(xb));
                var loss = soft is null
                    ? nn.functional.cross_entropy(logits, yb)
                    : DistillationLoss.Of(logits, soft.index_select(0, index), yb, Teacher!.Value.Temperature, Weights);
                if (spec.L2.IsPenalty)
                    loss = loss + penalized.Select(w => (w * w).sum()).Aggregate((a, b) => a + b) * spec.L2.Lambda;
                var value = loss.to(float64).item<double>();   // exact for float32; float64 models (the golden test) too
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(
                        $"Training diverged: the loss is {value} at epoch {epoch}, batch {batches + 1}. " +
                        "Lower training:learningRate or training:l2:lambda, or check the inputs for NaN.");
                loss.backward();
                optimizer.step();
                lossSum += value;
                if (spec.TrainAccuracy == "running") correct += logits.argmax(1).eq(yb).sum().item<long>();
            }

            var trainAccuracy = spec.TrainAccuracy == "running" ? 100.0 * correct / n : Evaluation.Accuracy(model, x, y);
            var testAccuracy = Evaluation.Accuracy(model, nonMembers.Features, nonMembers.Labels);
            using var process = Process.GetCurrentProcess();
            var record = new EpochRecord(epoch, lossSum / batches, trainAccuracy, testAccuracy,
                process.WorkingSet64 / (1024.0 * 1024.0), Tensor.TotalCount);
            history.Add(record);
            OnEpoch?.Invoke(record);
        }
        model.eval();
        return new TrainingHistory(history, step);
    }

    internal static optim.Optimizer CreateOptimizer(TrainingSpec spec, nn.Module<Tensor, Tensor> model) => spec.Optimizer switch
    {
        "adam" => optim.Adam(model.parameters(), spec.LearningRate, weight_decay: spec.L2.WeightDecay),
        "sgd" => optim.SGD(model.parameters(), spec.LearningRate, momentum: spec.Momentum, weight_decay: spec.L2.WeightDecay),
        _ => throw new ArgumentException($"training:optimizer '{spec.Optimizer}' is unknown."),
    };
}
