using MiaRepro.Data;
using MiaRepro.Experiments.SweepTargets;
using MiaRepro.Outputs;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Experiments;

[TestFixture, NonParallelizable]
public sealed class SweepOutputsTests
{
    static readonly SplitManifest Split = new("toy", "sha-of-toy", 0, new Dictionary<string, SplitManifest.Part>());

    [Test]
    public void Get_FirstQueriedThenStored_GivesTheModelsLogitsEitherWay()
    {
        using var t = TestEnvironment.Temp();
        torch.manual_seed(0);
        using var model = nn.Sequential(("fc", nn.Linear(4, 3)));
        var members = new LabelledData(torch.randn(5, 4), tensor(new long[] { 0, 1, 2, 0, 1 }), 3);
        var nonMembers = new LabelledData(torch.randn(3, 4), tensor(new long[] { 2, 2, 1 }), 3);
        var outputs = new SweepOutputs(t.Path, "sha-of-toy", Split, "abc123");

        var (m1, n1) = outputs.Get("model-a", model, members, nonMembers, CPU);
        Assert.That(outputs.Store.Has("model-a"), Is.True);
        using var untrained = nn.Sequential(("fc", nn.Linear(4, 3)));   // a stored model is never queried again
        var (m2, n2) = outputs.Get("model-a", untrained, members, nonMembers, CPU);

        using var expected = model.call(members.Features);
        Assert.That(m1.Features.allclose(expected, 0, 0), Is.True);
        Assert.That(m2.Features.data<float>().ToArray(), Is.EqualTo(m1.Features.data<float>().ToArray()));
        Assert.That(n2.Features.data<float>().ToArray(), Is.EqualTo(n1.Features.data<float>().ToArray()));
        Assert.That(n1.Labels.data<long>().ToArray(), Is.EqualTo(new long[] { 2, 2, 1 }));
        Assert.That(outputs.Store.Read("model-a", "sha-of-toy", Split.Hash()).Pool, Is.EqualTo(SweepOutputs.Pool));
    }

    [Test]
    public void Get_Repeated_LeavesNoTensorBehind()
    {
        using var t = TestEnvironment.Temp();
        using var model = nn.Sequential(("fc", nn.Linear(4, 3)));
        using var memberX = torch.randn(5, 4);
        using var memberY = tensor(new long[] { 0, 1, 2, 0, 1 });
        using var nonMemberX = torch.randn(3, 4);
        using var nonMemberY = tensor(new long[] { 2, 2, 1 });
        var outputs = new SweepOutputs(t.Path, "sha-of-toy", Split, "abc123");
        void Once()
        {
            var (m, n) = outputs.Get("model-b", model, new(memberX, memberY, 3), new(nonMemberX, nonMemberY, 3), CPU);
            foreach (var x in new[] { m.Features, m.Labels, n.Features, n.Labels }) x.Dispose();
        }
        Once();
        // Earlier tests' unreachable tensors are finalized now, not while this one counts (a finalizer lowers the count).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.TotalCount;
        for (var i = 0; i < 5; i++) Once();
        Assert.That(Tensor.TotalCount, Is.EqualTo(before));
    }
}
