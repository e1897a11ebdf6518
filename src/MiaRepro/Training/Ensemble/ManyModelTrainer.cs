using MiaRepro.Data;
using MiaRepro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.Ensemble;

/// <summary>
/// Trains a set of members by one <see cref="EnsembleStrategy"/> and hands each to <paramref name="onTrained"/> as soon
/// as it is done (callers store it there, so an interrupted run keeps every finished member). The handler runs under a
/// lock, one member at a time, whichever thread trained it. The pool is loaded once and shared by all members.
/// </summary>
public sealed class ManyModelTrainer(TrainingSpec spec, Device device, EnsembleStrategy strategy)
{
    /// <summary>Members side by side in <see cref="EnsembleStrategy.Parallel"/> (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Members per module in <see cref="EnsembleStrategy.Grouped"/>.</summary>
    public int GroupSize { get; init; } = 64;

    public Action<int, EpochRecord>? OnEpoch { get; init; }

    /// <param name="build">A fresh, initialised model for a member (called with the global RNG seeded by its seed).</param>
    public void Train(LabelledData pool, IReadOnlyList<MemberJob> jobs, Func<MemberJob, nn.Module<Tensor, Tensor>> build,
        Action<int, nn.Module<Tensor, Tensor>, IReadOnlyList<EpochRecord>> onTrained)
    {
        if (jobs.Count == 0) return;
        var done = new Lock();
        void Done(int i, nn.Module<Tensor, Tensor> model, IReadOnlyList<EpochRecord> history) { lock (done) onTrained(i, model, history); }
        switch (strategy)
        {
            case EnsembleStrategy.OneAtATime:
                for (var i = 0; i < jobs.Count; i++)
                {
                    var model = Built(build, jobs[i]);
                    Done(i, model, TrainOne(pool, jobs[i], model, i));
                }
                break;
            case EnsembleStrategy.Parallel:
                Parallel(pool, jobs, build, Done);
                break;
            case EnsembleStrategy.Grouped:
                for (var start = 0; start < jobs.Count; start += GroupSize)
                {
                    var group = jobs.Skip(start).Take(GroupSize).ToList();
                    var first = start;
                    var initial = group.Select(j => Built(build, j) as LeNet5
                        ?? throw new ArgumentException("The grouped ensemble trains LeNet5 members only.")).ToList();
                    var trained = new GroupedTrainer(spec, device) { OnEpoch = (m, e) => OnEpoch?.Invoke(first + m, e) }.Train(pool, group, initial);
                    initial.ForEach(m => m.Dispose());
                    for (var m = 0; m < trained.Count; m++) Done(first + m, trained[m].Model, trained[m].History);
                }
                break;
        }
    }

    static readonly Lock Rng = new();

    static nn.Module<Tensor, Tensor> Built(Func<MemberJob, nn.Module<Tensor, Tensor>> build, MemberJob job)
    {
        lock (Rng)
        {
            torch.manual_seed(job.Seed);
            return build(job);
        }
    }

    IReadOnlyList<EpochRecord> TrainOne(LabelledData pool, MemberJob job, nn.Module<Tensor, Tensor> model, int i)
    {
        var ins = pool.Select(job.In);
        var outs = pool.Select(job.Out);
        try { return new Trainer(spec, device) { OnEpoch = e => OnEpoch?.Invoke(i, e) }.Train(model, ins, outs, job.Seed); }
        catch (TrainingDivergedException e) { throw e.ForJob(job.Job); }
        finally { ins.Features.Dispose(); ins.Labels.Dispose(); outs.Features.Dispose(); outs.Labels.Dispose(); }
    }

    /// <summary>Workers take the next member until none is left, each with one intra-op thread (libtorch's count is
    /// process-wide, restored afterwards; OpenMP's is per thread, so each worker sets it too). The first failure stops
    /// the others after their current member and is rethrown.</summary>
    void Parallel(LabelledData pool, IReadOnlyList<MemberJob> jobs, Func<MemberJob, nn.Module<Tensor, Tensor>> build,
        Action<int, nn.Module<Tensor, Tensor>, IReadOnlyList<EpochRecord>> done)
    {
        var threads = torch.get_num_threads();
        var next = -1;
        Exception? failure = null;
        var workers = Enumerable.Range(0, Math.Min(Math.Max(1, Workers), jobs.Count)).Select(_ => new Thread(() =>
        {
            torch.set_num_threads(1);
            int i;
            while (Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < jobs.Count)
            {
                try
                {
                    var model = Built(build, jobs[i]);
                    done(i, model, TrainOne(pool, jobs[i], model, i));
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        torch.set_num_threads(threads);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }
}
