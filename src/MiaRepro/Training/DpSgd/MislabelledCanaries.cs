using MiaRepro.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Training.DpSgd;

/// <summary>
/// Natural canaries for a black-box audit (Jagielski et al. 2020's "poisoning"-style canaries; Tramèr's lecture §4.2):
/// m held-out examples, each given a wrong label drawn uniformly from the other classes, each included in the training
/// set with probability ½ (<see cref="CanaryPlacement.Inclusion"/>). The auditor sees only the final model and scores
/// each canary by its loss under the wrong label: these are real inputs, so every member's gradient mixes with theirs
/// — the realistic case the worst-case Dirac canaries bound from above. Labels draw from the seed's stream + 9,000,011.
/// </summary>
public sealed record MislabelledCanaries(LabelledData Examples, bool[] Included, string Source)
{
    const int LabelStream = 9_000_011;

    /// <param name="examples">The canaries' inputs (preprocessed) and true labels, e.g. a split part no member is in.</param>
    /// <param name="source">What names the examples (a split part and its hash), for the job key.</param>
    public static MislabelledCanaries Create(LabelledData examples, string source, int seed)
    {
        if (examples.Classes < 2) throw new ArgumentException("Mislabelled canaries need at least 2 classes.", nameof(examples));
        using var scope = NewDisposeScope();
        var shift = randint(1, examples.Classes, examples.Labels.shape, generator: new Generator((ulong)(seed + LabelStream)), dtype: int64);
        var wrong = ((examples.Labels + shift) % examples.Classes).MoveToOuterDisposeScope();
        return new(examples with { Labels = wrong }, CanaryPlacement.Inclusion((int)examples.Count, seed), source);
    }

    public int Count => Included.Length;

    /// <summary>The members with the included canaries appended.</summary>
    public LabelledData With(LabelledData members)
    {
        using var index = tensor(Enumerable.Range(0, Count).Where(i => Included[i]).Select(i => (long)i).ToArray(), int64);
        return new(cat([members.Features, Examples.Features.index_select(0, index).to(members.Features.dtype)]),
            cat([members.Labels, Examples.Labels.index_select(0, index)]), members.Classes);
    }

    public CanaryJob Job => JobOf(Included, Source);

    /// <summary>The canaries' part of a job's key: their source and which are in (the wrong labels follow from the job's seed).</summary>
    public static CanaryJob JobOf(bool[] included, string source) =>
        new("mislabelled", included.Length, -1, source, TrainingJob.Examples("included", included.Select(i => i ? 1L : 0L).ToArray()));

    /// <summary>Each canary's cross-entropy under its wrong label.</summary>
    public double[] Losses(nn.Module<Tensor, Tensor> model, Device device)
    {
        using var scope = NewDisposeScope();
        model.eval();
        using var noGrad = no_grad();
        var logits = Models.TwoClassLogits.Expand(model.call(Examples.Features.to(device)));
        return nn.functional.cross_entropy(logits, Examples.Labels.to(device), reduction: nn.Reduction.None).to(float64).cpu().data<double>().ToArray();
    }
}
