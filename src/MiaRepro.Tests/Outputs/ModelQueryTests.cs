using MiaRepro.Outputs;
using MiaRepro.Runtime;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Outputs;

/// <summary>Logits come back [N, A, C]: slice 0 is the model on the input, slice 1 the model on the mirrored input.</summary>
[TestFixture, NonParallelizable]
public sealed class ModelQueryTests
{
    [OneTimeSetUp]
    public void LoadTorch() => TorchRuntime.EnsureInitialized();

    static nn.Module<Tensor, Tensor> TinyCnn()
    {
        manual_seed(7);
        // Conv then a linear layer over positions: not mirror-symmetric, so a wrong flip would show.
        return nn.Sequential(nn.Conv2d(2, 3, 3, padding: 1), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 4 * 5, 4));
    }

    [Test]
    public void Logits_PlainAndMirror_MirrorSliceIsTheModelOnFlippedInput()
    {
        using var scope = NewDisposeScope();
        var model = TinyCnn();
        var gen = new Generator(11);
        var x = randn([7, 2, 4, 5], generator: gen);
        var logits = ModelQuery.Logits(model, x, ["plain", "mirror"], batchSize: 3);
        Assert.That(logits, Has.Length.EqualTo(7 * 2 * 4));

        model.eval();
        using var noGrad = no_grad();
        var plain = model.call(x).data<float>().ToArray();
        var mirrored = model.call(x.flip(-1)).data<float>().ToArray();
        Assert.That(plain, Is.Not.EqualTo(mirrored).AsCollection.Within(1e-3f), "the model is mirror-symmetric; the test would prove nothing");
        for (var i = 0; i < 7; i++)
            for (var c = 0; c < 4; c++)
            {
                Assert.That(logits[(i * 2 + 0) * 4 + c], Is.EqualTo(plain[i * 4 + c]).Within(1e-5f), $"plain, example {i}, class {c}");
                Assert.That(logits[(i * 2 + 1) * 4 + c], Is.EqualTo(mirrored[i * 4 + c]).Within(1e-5f), $"mirror, example {i}, class {c}");
            }
    }

    [Test]
    public void Logits_ModelInTrainingMode_QueriesInEvalAndRestoresTraining()
    {
        using var scope = NewDisposeScope();
        var model = nn.Sequential(nn.Flatten(), nn.Dropout(0.9), nn.Linear(10, 2));
        model.train();
        var x = ones([4, 1, 2, 5]);
        var first = ModelQuery.Logits(model, x, ["plain"], batchSize: 2);
        var second = ModelQuery.Logits(model, x, ["plain"], batchSize: 4);
        Assert.That(first, Is.EqualTo(second), "dropout was active: the query ran in training mode");
        Assert.That(model.training, Is.True);
    }

    [Test]
    public void Logits_MirrorOnTabularInput_ThrowsNamingTheShape()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(6, 2);
        var e = Assert.Throws<ArgumentException>(() => ModelQuery.Logits(model, zeros([5, 6]), ["plain", "mirror"], batchSize: 2))!;
        Assert.That(e.Message, Does.Contain("4-D").And.Contain("[5, 6]"));
    }

    [Test]
    public void Logits_FirstAugmentationNotPlain_Throws()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => ModelQuery.Logits(TinyCnn(), zeros([1, 2, 4, 5]), ["mirror"], batchSize: 1));
    }
}
