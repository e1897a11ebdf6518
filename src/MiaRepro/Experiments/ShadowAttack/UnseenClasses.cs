using MiaRepro.Data;
using MiaRepro.Outputs;
using MiaRepro.Training;
using TorchSharp;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// Li et al.'s Table 2: classes removed from every shadow's data (shadows:withoutClasses). A label-trained shadow has
/// never seen one; an l-Leaks shadow has seen only the target's outputs on other classes, whose soft labels still say
/// how much each image looks like the missing class. Both then classify the dataset's test images.
/// </summary>
public static class UnseenClasses
{
    /// <summary>The split as the shadows draw from it: their pools (inFrom, outFrom) without examples of the removed
    /// classes; every other part, the target's among them, as it was.</summary>
    public static SplitManifest ShadowPools(SplitManifest split, Dataset dataset, ShadowSpec shadows)
    {
        var removed = shadows.WithoutClasses ?? [];
        var parts = split.Parts.ToDictionary(p => p.Key, p => p.Value);
        foreach (var name in new[] { shadows.InFrom, shadows.OutFrom }.Distinct())
        {
            var part = parts[name];
            var labels = Labels(dataset.Part(part.From));
            foreach (var c in removed)
                if (c >= dataset.Part(part.From).Classes)
                    throw new ArgumentException($"shadows:withoutClasses names class {c}, but {dataset.Name} has {dataset.Part(part.From).Classes} classes (0 to {dataset.Part(part.From).Classes - 1}).");
            parts[name] = part with { Indices = part.Indices.Where(i => !removed.Contains((int)labels[i])).ToArray() };
        }
        return split with { Parts = parts };
    }

    /// <summary>A model's class predictions on the dataset's whole test part, with the true classes; the logits go
    /// through the output store (key: the model's, "-testpart").</summary>
    public static (int[] Truth, int[] Predicted) OnTestPart(OutputStore store, string modelKey, torch.nn.Module<torch.Tensor, torch.Tensor> model,
        Dataset dataset, Preprocessing preprocessing, OutputProvenance provenance)
    {
        var test = dataset.Part("test");
        using var logits = PartedOutputs.GetOrQuery(store, $"{modelKey}-testpart", "dataset's test part", dataset.Sha256, JobKey.Of(new { part = "test", dataset.Sha256 }),
            [test.Labels], () =>
            {
                using var x = preprocessing.Apply(test.Features);
                return [Evaluation.Logits(model, x)];
            }, provenance)[0];
        using var predicted = logits.argmax(1);
        return (Labels(test).Select(l => (int)l).ToArray(), predicted.data<long>().Select(p => (int)p).ToArray());
    }

    /// <summary>Accuracy (%) on the examples whose true class is one of <paramref name="classes"/>.</summary>
    public static double Accuracy(int[] truth, int[] predicted, IReadOnlyCollection<int> classes)
    {
        var of = Enumerable.Range(0, truth.Length).Where(i => classes.Contains(truth[i])).ToArray();
        if (of.Length == 0) throw new ArgumentException($"No example of class(es) {string.Join(", ", classes)} to classify.");
        return 100.0 * of.Count(i => predicted[i] == truth[i]) / of.Length;
    }

    static long[] Labels(LabelledData data) => data.Labels.data<long>().ToArray();
}
