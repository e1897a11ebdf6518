using MiaRepro.Models;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Models;

/// <summary>Parameter counts against hand-computed values (weights + biases per layer) and output shapes.</summary>
[TestFixture, NonParallelizable]
public sealed class ModelTests
{
    static long Count(nn.Module m) => m.parameters().Sum(p => p.numel());

    static IEnumerable<TestCaseData> Cases()
    {
        // conv1 3·6·25+6=456, conv2 6·16·25+16=2416, fc 400·120+120=48120, 120·84+84=10164, 84·10+10=850
        yield return new TestCaseData(new LeNet5(3, 32, 10, Pooling.Average), new long[] { 2, 3, 32, 32 }, 62006L).SetName("LeNet5_Cifar10_Has62006Parameters");
        // conv1 1·6·25+6=156 (padding 2 keeps 28×28), rest as above
        yield return new TestCaseData(new LeNet5(1, 28, 10, Pooling.Max), new long[] { 2, 1, 28, 28 }, 61706L).SetName("LeNet5_Mnist_Has61706Parameters");
        // conv 3·32·25+32=2432, conv 32·32·9+32=9248, dense 1152·128+128=147584, 128·10+10=1290
        yield return new TestCaseData(new PreetiCnn(3, 32, 10), new long[] { 2, 3, 32, 32 }, 160554L).SetName("PreetiCnn_Cifar10_Has160554Parameters");
        // Preeti & Khan's Adult model: 105·5+5=530 and 5·1+1=6
        yield return new TestCaseData(new Mlp(105, [5], Activation.Sigmoid, 1), new long[] { 2, 105 }, 536L).SetName("Mlp_Adult_Has530Plus6Parameters");
        // conv 3·32·9+32=896, conv 32·64·9+64=18496, dense 2304·512+512=1180160, 512·10+10=5130
        yield return new TestCaseData(new IrollaCnn(3, 32, 10), new long[] { 2, 3, 32, 32 }, 1204682L).SetName("IrollaCnn_Cifar10_Has1204682Parameters");
        // conv 1·20·25+20=520, conv 20·50·25+50=25050, batch-norm 2·50=100, dense 800·500+500=400500, batch-norm 2·500=1000, 500·10+10=5010
        yield return new TestCaseData(new IrollaMnistCnn(1, 28, 10), new long[] { 2, 1, 28, 28 }, 432180L).SetName("IrollaMnistCnn_Mnist_Has432180Parameters");
        // Li et al.'s Table 4 VGG-style shadow: convs 1·16·9+16=160, 16·16·9+16=2320, 16·32·9+32=4640, 32·32·9+32=9248;
        // dense 32·7·7·128+128=200832, 128·10+10=1290
        yield return new TestCaseData(new SmallVgg(1, 28, 10), new long[] { 2, 1, 28, 28 }, 218490L).SetName("SmallVgg_Mnist_Has218490Parameters");
        // conv1 3·16·9+16=448, dense 32·8·8·128+128=262272, rest as above
        yield return new TestCaseData(new SmallVgg(3, 32, 10), new long[] { 2, 3, 32, 32 }, 280218L).SetName("SmallVgg_Cifar10_Has280218Parameters");
    }

    [Test]
    public void TwoClassLogits_OneLogit_IsBinaryCrossEntropy()
    {
        var z = tensor(new float[] { -2f, 0.5f, 3f }).view(3, 1);
        var y = tensor(new long[] { 0, 1, 1 });
        using var two = TwoClassLogits.Expand(z);
        var ce = nn.functional.cross_entropy(two, y).item<float>();
        var bce = nn.functional.binary_cross_entropy_with_logits(z.view(3), y.to(float32)).item<float>();
        Assert.That(ce, Is.EqualTo(bce).Within(1e-6));
        Assert.That(two.softmax(1)[.., 1].data<float>().ToArray(), Is.EqualTo(z.sigmoid().view(3).data<float>().ToArray()).Within(1e-6));
    }

    [Test]
    public void ModelSpec_OneOutputForTenClasses_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelSpec { Type = "Mlp", Hidden = [5], Outputs = 1 }.Build([105], 10))!;
        Assert.That(e.Message, Does.Contain("model:outputs"));
    }

    [TestCaseSource(nameof(Cases))]
    public void Model_ParameterCountAndOutputShape(nn.Module<Tensor, Tensor> model, long[] input, long parameters)
    {
        Assert.That(Count(model), Is.EqualTo(parameters));
        model.eval();
        using var y = model.call(randn(input));
        Assert.That(y.shape, Is.EqualTo(new[] { input[0], model is Mlp ? 1L : 10L }));
    }

    [Test]
    public void LeNet5_PoolingChoice_ChangesTheFunctionNotTheParameters()
    {
        manual_seed(1);
        var avg = new LeNet5(3, 32, 10, Pooling.Average);
        manual_seed(1);
        var max = new LeNet5(3, 32, 10, Pooling.Max);
        var x = randn(4, 3, 32, 32);
        Assert.That(Count(avg), Is.EqualTo(Count(max)));
        Assert.That(avg.call(x).allclose(max.call(x)), Is.False);
    }

    [Test]
    public void ModelSpec_UnknownType_NamesTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelSpec { Type = "ResNet50" }.Build([3, 32, 32], 10))!;
        Assert.That(e.Message, Does.Contain("model:type").And.Contain("ResNet50"));
    }
}
