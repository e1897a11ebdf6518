using System.Diagnostics;
using MiaRepro.Data;
using MiaRepro.Privacy;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Trains one model with DP-SGD (Abadi et al. 2016): per step a sampled batch (<see cref="DpSampler"/>), per-example
/// gradients in one backward (<see cref="PerExampleGradients"/>), clipped, noised and averaged
/// (<see cref="PrivateGradient"/>), then the optimizer's step on that gradient — SGD (with momentum) or Adam, both
/// post-processing of the private gradient; weight decay too, but not an L2 penalty in the loss. After each epoch the
/// privacy spent so far (<see cref="PrivacySpent"/>, RDP accountant at the sampler's q) goes into the history.
/// Sampling, augmentation and noise all draw from one generator seeded with the job's seed, so a job is reproducible.
/// </summary>
public sealed class DpSgdTrainer(TrainingSpec spec, Device device)
{
    public Action<EpochRecord>? OnEpoch { get; init; }

    /// <summary>Gradient canaries inserted into every step and observed after its noise (a privacy audit); Poisson only.</summary>
    public GradientCanaries? Canaries { get; init; }

    public IReadOnlyList<EpochRecord> Train(nn.Module<Tensor, Tensor> model, LabelledData members, LabelledData nonMembers, int seed)
    {
        spec.Validate();
        var dp = spec.Dp ?? throw new ArgumentException("DpSgdTrainer needs training:dp.");
        if (spec.L2.IsPenalty)
            throw new ArgumentException("training:dp does not take training:l2:mode \"penalty\" (a penalty is not a per-example loss): use \"weight-decay\".");
        model.to(device);
        var x = members.Features.to(device);
        var y = members.Labels.to(device);
        var n = y.shape[0];
        // δ is the chance the guarantee fails outright; at δ ≥ 1/N a mechanism that publishes one member in full is (0, δ)-DP.
        if (dp.Delta >= 1.0 / n)
            throw new ArgumentException($"training:dp:delta is {dp.Delta:G}: with {n} members it must be below 1/N = {1.0 / n:G3} " +
                                        $"(at δ ≥ 1/N releasing a member in full meets the guarantee); use e.g. 1e-5, or below {0.1 / n:G2}.");
        using var perExample = new PerExampleGradients(model);
        var optimizer = Trainer.CreateOptimizer(spec, model);
        var generator = new Generator((ulong)seed);
        using var sampler = new DpSampler(dp.Sampling, n, spec.BatchSize, generator);
        if (Canaries is not null && !sampler.MatchesAccountant)
            throw new ArgumentException("Gradient canaries join each step as Poisson-sampled members: use training:dp:sampling \"poisson\".");
        dp = dp.Calibrated(AccountantRate(dp, sampler, n), spec.Epochs * sampler.StepsPerEpoch);
        var history = new List<EpochRecord>();
        long step = 0;

        for (var epoch = 1; epoch <= spec.Epochs; epoch++)
        {
            model.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (var s = 0; s < sampler.StepsPerEpoch; s++, step++)
            {
                using var scope = NewDisposeScope();
                if (spec.LrDecay > 0)
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = spec.LearningRate / (1 + spec.LrDecay * step);
                var index = sampler.Batch(s).to(device);
                var b = index.shape[0];
                optimizer.zero_grad();
                IReadOnlyList<Tensor>? grads = null;
                if (b > 0)
                {
                    var xb = x.index_select(0, index);
                    if (spec.Augment == "mirror") xb = Mirror.Randomly(xb, generator);
                    var yb = y.index_select(0, index);
                    perExample.Begin(scope);
                    var logits = Models.TwoClassLogits.Expand(model.call(xb));
                    // Summed, not averaged: the gradient of Σᵢ ℓᵢ with respect to layer outputs has ∂ℓᵢ in row i.
                    var loss = nn.functional.cross_entropy(logits, yb, reduction: nn.Reduction.Sum);
                    var value = loss.to(float64).item<double>();
                    if (!double.IsFinite(value))
                        throw new TrainingDivergedException(
                            $"Training diverged: the loss is {value} at epoch {epoch}, step {s + 1} of DP-SGD. " +
                            "Lower training:learningRate or training:dp:clipNorm, or check the inputs for NaN.");
                    grads = perExample.Compute(loss);
                    (lossSum, seen) = (lossSum + value, seen + b);
                    if (spec.TrainAccuracy == "running") correct += logits.argmax(1).eq(yb).sum().item<long>();
                }
                var noisy = PrivateGradient.Of(grads, perExample.Parameters, dp, sampler.ExpectedBatchSize, generator, Canaries, sampler.Rate);
                for (var k = 0; k < noisy.Count; k++) perExample.Parameters[k].grad = noisy[k];
                optimizer.step();
            }

            var trainAccuracy = spec.TrainAccuracy == "running" ? 100.0 * correct / Math.Max(1, seen) : Evaluation.Accuracy(model, x, y);
            var testAccuracy = Evaluation.Accuracy(model, nonMembers.Features, nonMembers.Labels);
            using var process = Process.GetCurrentProcess();
            // The loss is the mean over the examples the epoch drew (Poisson batches vary in size), not over batches.
            var record = new EpochRecord(epoch, lossSum / Math.Max(1, seen), trainAccuracy, testAccuracy,
                process.WorkingSet64 / (1024.0 * 1024.0), Tensor.TotalCount, Spent(dp, sampler, n, step));
            history.Add(record);
            OnEpoch?.Invoke(record);
        }
        model.eval();
        return new TrainingHistory(history, step);
    }

    /// <summary>ε after <paramref name="steps"/> steps by the RDP accountant, fed the sampler's q (or, with the fault
    /// "wrong-sampling-rate", 1/N: the chance of one given member per draw instead of per batch, understating ε).</summary>
    public static PrivacySpent Spent(DpSgdSpec dp, DpSampler sampler, long n, long steps)
    {
        var q = AccountantRate(dp, sampler, n);
        var epsilon = dp.NoiseMultiplier > 0
            ? new RdpAccountant().Compose(dp.NoiseMultiplier, q, checked((int)steps)).Epsilon(dp.Delta).Epsilon
            : double.PositiveInfinity;
        return new(epsilon, dp.Delta, dp.NoiseMultiplier, q, steps, dp.Sampling, sampler.MatchesAccountant, dp.Fault);
    }

    static double AccountantRate(DpSgdSpec dp, DpSampler sampler, long n) => dp.Fault == "wrong-sampling-rate" ? 1.0 / n : sampler.Rate;
}
