using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Which members each DP-SGD step uses. "poisson": every member independently with probability q = batchSize / N, so
/// batch sizes vary (and may be 0), round(1/q) steps an epoch; this is the sampling the RDP and PLD accountants analyse.
/// "shuffle": a seeded permutation cut into batches of batchSize (the last one shorter), as the plain trainer does;
/// the accountants do not cover it, so its ε is recorded as not matching the sampler (<see cref="PrivacySpent"/>).
/// </summary>
public sealed class DpSampler : IDisposable
{
    readonly string sampling;
    readonly long n;
    readonly int batchSize;
    readonly Generator generator;
    Tensor? order;

    public DpSampler(string sampling, long n, int batchSize, Generator generator)
    {
        if (n < 1) throw new ArgumentException("DP-SGD needs at least one member to train on.");
        (this.sampling, this.n, this.batchSize, this.generator) = (sampling, n, batchSize, generator);
        Rate = Math.Min(1.0, (double)batchSize / n);
        StepsPerEpoch = StepsPerEpochOf(sampling, n, batchSize);
        ExpectedBatchSize = sampling == "poisson" ? Rate * n : batchSize;
    }

    /// <summary>q: the chance that a given member is in a given step's batch.</summary>
    public double Rate { get; }
    public int StepsPerEpoch { get; }

    /// <summary>round(1/q) for Poisson sampling, ⌈n / batchSize⌉ for shuffling: also what a plan counts before training.</summary>
    public static int StepsPerEpochOf(string sampling, long n, int batchSize) =>
        sampling == "poisson" ? (int)Math.Max(1, Math.Round(1 / Math.Min(1.0, (double)batchSize / n))) : (int)((n + batchSize - 1) / batchSize);

    /// <summary>L, what the clipped, noised sum is divided by: q·N for Poisson, the batch size for shuffling.</summary>
    public double ExpectedBatchSize { get; }

    public bool MatchesAccountant => sampling == "poisson";

    /// <summary>The members of step <paramref name="step"/> (counted within the epoch) as indices, int64, on the CPU.
    /// Shuffling draws its permutation at step 0; the permutation lives until the next epoch's (disposed then).</summary>
    public Tensor Batch(int step)
    {
        if (sampling == "poisson") return (rand(n, generator: generator) < Rate).nonzero().flatten();
        if (step == 0)
        {
            order?.Dispose();
            order = randperm(n, generator: generator).DetachFromDisposeScope();
        }
        var start = (long)step * batchSize;
        return order!.narrow(0, start, Math.Min(batchSize, n - start));
    }

    public void Dispose() => order?.Dispose();
}
