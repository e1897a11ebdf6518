using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>Outputs an attack would choke on are refused when made, naming the example at fault.</summary>
[TestFixture]
public sealed class ModelOutputsTests
{
    [Test]
    public void Constructor_NaNLogit_NamesTheFirstBadExample()
    {
        var logits = new float[4 * 1 * 2];
        logits[5] = float.NaN; // example 2, class 1
        logits[7] = float.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => new ModelOutputs("m", "pool", logits, 2, [0, 1, 0, 1], ["plain"]))!;
        Assert.That(e.Message, Does.Contain("example 2 ").And.Contain("NaN").And.Contain("class 1"));
    }

    [Test]
    public void Constructor_LabelOutOfRange_NamesTheExample()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelOutputs("m", "pool", new float[6], 2, [0, 1, 2], ["plain"]))!;
        Assert.That(e.Message, Does.Contain("example 2").And.Contain("[0, 2)"));
    }

    [Test]
    public void Constructor_LengthsDisagree_GivesNAC()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelOutputs("m", "pool", new float[10], 3, [0, 1], ["plain", "mirror"]))!;
        Assert.That(e.Message, Does.Contain("2·2·3 = 12"));
    }

    [TestCase("../escape")]
    [TestCase("a.staging-1")]
    [TestCase("")]
    public void Constructor_KeyThatIsNoFolderName_Throws(string key) =>
        Assert.Throws<ArgumentException>(() => new ModelOutputs(key, "pool", new float[2], 2, [0], ["plain"]));

    [Test]
    public void Logit_Indexes_ExampleAugmentationClass()
    {
        var o = OutputsSamples.Make();
        Assert.That(o.Logit(3, 1, 2), Is.EqualTo(o.Logits[(3 * 2 + 1) * 3 + 2]));
    }
}
