using System.Diagnostics;
using MiaRepro.Data;
using MiaRepro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.Ensemble;

/// <summary>
/// Trains K LeNet-5 members as one <see cref="GroupedLeNet5"/> in lockstep: at step s every member takes its own s-th
/// batch (its own shuffle, coin flips and epoch boundaries, from its own generator, as <see cref="Trainer"/> would), the
/// loss is the sum of the members' losses (their parameters are disjoint, so each gradient is its member's alone), and
/// <see cref="StackedAdam"/> updates each member as its own Adam. Members with fewer examples have fewer steps: a short
/// last batch is padded and masked, a finished member is skipped. Histories match <see cref="Trainer"/>'s.
/// </summary>
public sealed class GroupedTrainer(TrainingSpec spec, Device device)
{
    public Action<int, EpochRecord>? OnEpoch { get; init; }

    public IReadOnlyList<(LeNet5 Model, IReadOnlyList<EpochRecord> History)> Train(LabelledData pool, IReadOnlyList<MemberJob> jobs, IReadOnlyList<LeNet5> initial)
    {
        spec.Validate();
        if (spec.Dp is not null) throw new ArgumentException("The grouped ensemble does not train DP-SGD members (training:dp): use the parallel or one-at-a-time engine.");
        if (spec.Optimizer != "adam") throw new ArgumentException($"The grouped ensemble trains with Adam only, not training:optimizer '{spec.Optimizer}'.");
        if (jobs.Count != initial.Count) throw new ArgumentException($"{jobs.Count} jobs but {initial.Count} initial models.");
        var k = jobs.Count;
        var b = spec.BatchSize;
        using var ensemble = new GroupedLeNet5(initial);
        ensemble.to(device);
        ensemble.train();
        using var x = pool.Features.to(device);
        using var y = pool.Labels.to(device);
        var ins = jobs.Select(j => tensor(j.In, int64, device)).ToArray();
        var outs = jobs.Select(j => tensor(j.Out, int64, device)).ToArray();
        var n = jobs.Select(j => (long)j.In.Length).ToArray();
        if (n.Any(c => c == 0)) throw new ArgumentException("A member has no training examples.");
        var perEpoch = n.Select(c => (c + b - 1) / b).ToArray();
        var total = perEpoch.Select(s => s * spec.Epochs).ToArray();
        var generators = jobs.Select(j => new Generator((ulong)j.Seed)).ToArray();
        var orders = new Tensor?[k];
        var (lossSum, correct) = (new double[k], new long[k]);
        var histories = Enumerable.Range(0, k).Select(_ => new List<EpochRecord>()).ToArray();
        var parameters = ensemble.parameters().Select(p => (Tensor)p).ToList();
        var penalized = ensemble.named_parameters().Where(p => p.name.EndsWith('w') && p.parameter.dim() > 1).Select(p => (Tensor)p.parameter).ToList();
        var adam = new StackedAdam(parameters, k, spec.LearningRate, weightDecay: spec.L2.WeightDecay);
        var sample = x.shape.Skip(1).ToArray();

        for (long step = 0; step < total.Max(); step++)
        {
            var active = total.Select(t => step < t).ToArray();
            for (var m = 0; m < k; m++)
                if (active[m] && step % perEpoch[m] == 0)
                {
                    orders[m]?.Dispose();
                    orders[m] = (spec.Shuffle ? randperm(n[m], generator: generators[m]) : arange(n[m])).to(device);
                    (lossSum[m], correct[m]) = (0, 0);
                }
            using var scope = NewDisposeScope();
            if (spec.LrDecay > 0) adam.LearningRate = spec.LearningRate / (1 + spec.LrDecay * step);
            var xs = new Tensor[k];
            var ys = new Tensor[k];
            var mask = new double[k * b];
            for (var m = 0; m < k; m++)
            {
                if (!active[m])
                {
                    (xs[m], ys[m]) = (zeros([b, .. sample], x.dtype, device), zeros(b, int64, device));
                    continue;
                }
                var start = step % perEpoch[m] * b;
                var length = Math.Min(b, n[m] - start);
                var index = ins[m].index_select(0, orders[m]!.narrow(0, start, length));
                var xb = x.index_select(0, index);
                if (spec.Augment == "mirror") xb = Mirror.Randomly(xb, generators[m]);
                var yb = y.index_select(0, index);
                if (length < b)
                    (xb, yb) = (cat([xb, zeros([b - length, .. sample], x.dtype, device)], 0), cat([yb, zeros(b - length, int64, device)], 0));
                (xs[m], ys[m]) = (xb, yb);
                for (var i = 0; i < length; i++) mask[m * b + i] = 1;
            }
            var yAll = stack(ys, 0);
            var weights = tensor(mask, x.dtype, device).view(k, b);
            adam.ZeroGrad();
            var logits = ensemble.call(stack(xs, 0));
            var ce = nn.functional.cross_entropy(logits.reshape(k * b, -1), yAll.reshape(-1), reduction: nn.Reduction.None).view(k, b);
            using var one = 1.ToScalar();
            var perMember = (ce * weights).sum(1) / weights.sum(1).clamp_min(one);
            if (spec.L2.IsPenalty)
                perMember = perMember + penalized.Select(w => (w.view(k, -1) * w.view(k, -1)).sum(1)).Aggregate((p, q) => p + q) * spec.L2.Lambda;
            var values = perMember.detach().to(float64).cpu().data<double>().ToArray();
            for (var m = 0; m < k; m++)
                if (active[m] && !double.IsFinite(values[m]))
                    throw new TrainingDivergedException(
                        $"Training diverged: member {m}'s loss is {values[m]} at epoch {step / perEpoch[m] + 1}, batch {step % perEpoch[m] + 1}. " +
                        "Lower training:learningRate or training:l2:lambda, or check the inputs for NaN.").ForJob(jobs[m].Job);
            perMember.sum().backward();
            adam.Step(active);
            var hits = spec.TrainAccuracy == "running"
                ? (logits.argmax(2).eq(yAll).to(x.dtype) * weights).sum(1).to(int64).cpu().data<long>().ToArray() : new long[k];
            for (var m = 0; m < k; m++)
            {
                if (!active[m]) continue;
                (lossSum[m], correct[m]) = (lossSum[m] + values[m], correct[m] + hits[m]);
                if ((step + 1) % perEpoch[m] == 0) histories[m].Add(EpochEnd(ensemble, m, ins[m], outs[m], x, y, (int)((step + 1) / perEpoch[m]), lossSum[m] / perEpoch[m], correct[m], n[m]));
            }
        }
        foreach (var t in ins.Concat(outs)) t.Dispose();
        foreach (var o in orders) o?.Dispose();
        return Enumerable.Range(0, k).Select(m => { var model = ensemble.Extract(m); model.eval(); return (model, (IReadOnlyList<EpochRecord>)new TrainingHistory(histories[m], total[m])); }).ToList();
    }

    EpochRecord EpochEnd(GroupedLeNet5 ensemble, int m, Tensor inIndex, Tensor outIndex, Tensor x, Tensor y, int epoch, double loss, long correct, long n)
    {
        using var scope = NewDisposeScope();
        using var member = ensemble.Extract(m);
        member.to(device);
        var train = spec.TrainAccuracy == "running" ? 100.0 * correct / n : Evaluation.Accuracy(member, x.index_select(0, inIndex), y.index_select(0, inIndex));
        var test = Evaluation.Accuracy(member, x.index_select(0, outIndex), y.index_select(0, outIndex));
        ensemble.train();
        using var process = Process.GetCurrentProcess();
        var record = new EpochRecord(epoch, loss, train, test, process.WorkingSet64 / (1024.0 * 1024.0), Tensor.TotalCount);
        OnEpoch?.Invoke(m, record);
        return record;
    }
}
