using MiaRepro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Input-space canaries for a black-box audit, seen only through the final model and scored by their loss: real inputs
/// train beside the members, so every member's gradient mixes with theirs — the realistic case the worst-case Dirac
/// canaries bound from above. Each is included in the training set with probability ½ (<see cref="CanaryPlacement.Inclusion"/>).
/// Two kinds (Tramèr's lecture §4.2; Jagielski et al. 2020; Nasr et al. 2021):
/// <see cref="Mislabelled"/> — m held-out examples, each given a wrong label drawn uniformly from the other classes;
/// <see cref="OutOfDistribution"/> — m inputs of uniform noise over the members' value range, each with a label drawn
/// uniformly: no natural example looks like them, so little of the members' learning moves their loss.
/// Labels and noise draw from the seed's own streams (+ 9,000,011 and + 9,000,013), apart from training's.
/// </summary>
public sealed record InputCanaries(LabelledData Examples, bool[] Included, string Kind, string Source)
{
    public const string MislabelledKind = "mislabelled", OutOfDistributionKind = "out-of-distribution";
    const int LabelStream = 9_000_011, NoiseStream = 9_000_013;

    /// <param name="examples">The canaries' inputs (preprocessed) and true labels, e.g. a split part no member is in.</param>
    /// <param name="source">What names the examples (a split part and its hash), for the job key.</param>
    public static InputCanaries Mislabelled(LabelledData examples, string source, int seed)
    {
        if (examples.Classes < 2) throw new ArgumentException("Mislabelled canaries need at least 2 classes.", nameof(examples));
        using var scope = NewDisposeScope();
        var shift = randint(1, examples.Classes, examples.Labels.shape, generator: new Generator((ulong)(seed + LabelStream)), dtype: int64);
        var wrong = ((examples.Labels + shift) % examples.Classes).MoveToOuterDisposeScope();
        return new(examples with { Labels = wrong }, CanaryPlacement.Inclusion((int)examples.Count, seed), MislabelledKind, source);
    }

    /// <summary><paramref name="count"/> noise inputs shaped like <paramref name="members"/>' (preprocessed) examples, each
    /// value uniform between the members' smallest and largest, each with a uniformly drawn label.</summary>
    public static InputCanaries OutOfDistribution(LabelledData members, int count, int seed)
    {
        using var scope = NewDisposeScope();
        var (low, high) = (members.Features.min().to(float64).item<double>(), members.Features.max().to(float64).item<double>());
        var noise = rand([count, .. members.Features.shape[1..]], generator: new Generator((ulong)(seed + NoiseStream))) * (high - low) + low;
        var labels = randint(0, members.Classes, [count], generator: new Generator((ulong)(seed + LabelStream)), dtype: int64);
        return new(new(noise.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), members.Classes), CanaryPlacement.Inclusion(count, seed),
            OutOfDistributionKind, $"uniform-noise[{low:R},{high:R}]");
    }

    public int Count => Included.Length;

    /// <summary>The first canary alone, in or out: a many-run audit's trial; its source names the canary and the seed that
    /// drew these canaries (<paramref name="drawSeed"/>), since the trial's job trains with a seed of its own.</summary>
    public InputCanaries Single(bool included, int drawSeed) => new(Examples.Select([0]), [included], Kind, $"{Source}#0@{drawSeed}");

    /// <summary>The members with the included canaries appended.</summary>
    public LabelledData With(LabelledData members)
    {
        using var index = tensor(Enumerable.Range(0, Count).Where(i => Included[i]).Select(i => (long)i).ToArray(), int64);
        return new(cat([members.Features, Examples.Features.index_select(0, index).to(members.Features.dtype)]),
            cat([members.Labels, Examples.Labels.index_select(0, index)]), members.Classes);
    }

    public CanaryJob Job => JobOf(Kind, Included, Source);

    /// <summary>The canaries' part of a job's key: their kind, source and which are in (labels and noise follow from the job's seed).</summary>
    public static CanaryJob JobOf(string kind, bool[] included, string source) =>
        new(kind, included.Length, -1, source, TrainingJob.Examples("included", included.Select(i => i ? 1L : 0L).ToArray()));

    /// <summary>Each canary's cross-entropy under its (wrong or drawn) label.</summary>
    public double[] Losses(nn.Module<Tensor, Tensor> model, Device device)
    {
        using var scope = NewDisposeScope();
        model.eval();
        using var noGrad = no_grad();
        var logits = Models.TwoClassLogits.Expand(model.call(Examples.Features.to(device)));
        return nn.functional.cross_entropy(logits, Examples.Labels.to(device), reduction: nn.Reduction.None).to(float64).cpu().data<double>().ToArray();
    }
}
