using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>keep[M, N] round-trips in C order and a mask of the wrong shape is refused with both shapes named.</summary>
[TestFixture]
public sealed class KeepMaskTests
{
    [Test]
    public void ReadKeep_AfterWriteKeep_ReturnsTheSameMask()
    {
        using var t = TestEnvironment.Temp();
        var keep = new bool[3, 4];
        keep[0, 1] = keep[2, 3] = keep[1, 0] = true;
        OutputStore.WriteKeep(t.Path, keep);
        Assert.That(OutputStore.ReadKeep(t["keep.npy"], 3, 4), Is.EqualTo(keep));
        Assert.That(Npy.Read<bool>(t["keep.npy"]).Data, Is.EqualTo(new[] { false, true, false, false, true, false, false, false, false, false, false, true }));
    }

    [Test]
    public void ReadKeep_ShapeDisagreesWithLogits_NamesFileAndBothShapes()
    {
        using var t = TestEnvironment.Temp();
        OutputStore.WriteKeep(t.Path, new bool[3, 100]);
        var e = Assert.Throws<OutputStoreException>(() => OutputStore.ReadKeep(t["keep.npy"], 4, 100))!;
        Assert.That(e.Message, Does.Contain(t["keep.npy"]).And.Contain("keep.npy is [M, N] = [3, 100] but the logits are for 4 models × 100 examples"));
    }

    [Test]
    public void ReadKeep_WrongDtype_NamesBothDtypes()
    {
        using var t = TestEnvironment.Temp();
        Npy.Write(t["keep.npy"], [1, 2], new[] { 1L, 0L });
        var e = Assert.Throws<OutputStoreException>(() => OutputStore.ReadKeep(t["keep.npy"], 1, 2))!;
        Assert.That(e.Message, Does.Contain("'<i8'").And.Contain("'|b1'"));
    }
}
