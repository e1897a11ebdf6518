using MiaRepro.Outputs;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Outputs;

[TestFixture, NonParallelizable]
public sealed class PartedOutputsTests
{
    static readonly OutputProvenance Provenance = new("cpu", "2.10.0", "abc123", new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc));

    [Test]
    public void GetOrQuery_QueriedOnceThenReadBack_GivesEachPartsLogits()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        using var yIn = tensor(new long[] { 0, 1 });
        using var yOut = tensor(new long[] { 1, 1, 0 });
        var queries = 0;
        Tensor[] Query() { queries++; return [tensor(new float[] { 1, 2, 3, 4 }, [2, 2]), tensor(new float[] { 5, 6, 7, 8, 9, 10 }, [3, 2])]; }

        var first = PartedOutputs.GetOrQuery(store, "shadow-1", "shadow in+out", "data-sha", "pool-sha", [yIn, yOut], Query, Provenance);
        var again = PartedOutputs.GetOrQuery(store, "shadow-1", "shadow in+out", "data-sha", "pool-sha", [yIn, yOut], Query, Provenance);

        Assert.That(queries, Is.EqualTo(1));
        Assert.That(again[0].data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4 }));
        Assert.That(again[1].shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(again[1].data<float>().ToArray(), Is.EqualTo(first[1].data<float>().ToArray()));
        foreach (var x in first.Concat(again)) x.Dispose();
    }

    [Test]
    public void GetOrQuery_StoredForOtherExamplesUnderTheSameKey_SaysSoAndHowToFix()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        using var y = tensor(new long[] { 0, 1 });
        using var other = tensor(new long[] { 1, 0 });
        Tensor[] Query() => [tensor(new float[] { 1, 2, 3, 4 }, [2, 2])];
        foreach (var x in PartedOutputs.GetOrQuery(store, "m", "pool", "data-sha", "pool-sha", [y], Query, Provenance)) x.Dispose();

        var e = Assert.Throws<OutputStoreException>(() => PartedOutputs.GetOrQuery(store, "m", "pool", "data-sha", "pool-sha", [other], Query, Provenance))!;
        Assert.That(e.Message, Does.Contain("not this pool's").And.Contain("delete the folder and rerun"));
    }
}
