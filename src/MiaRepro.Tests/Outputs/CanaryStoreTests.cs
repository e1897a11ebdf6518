using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

public sealed class CanaryStoreTests
{
    static CanaryRecord Record(string key) => new(key, [true, false, true], [[1.0, 0.0, 2.5], [0.0, -1.0, 1.0]], [0.1, 0.2, 0.3], [0.0, 0.2, 0.1]);

    [Test]
    public void WriteThenRead_GivesTheSameRecord()
    {
        var root = TestContext.CurrentContext.WorkDirectory + "/canary-store-" + Guid.NewGuid().ToString("N");
        var store = new CanaryStore(root);
        store.Write(Record("abc"));
        var read = store.TryRead("abc")!;
        Assert.That(read.Included, Is.EqualTo(new[] { true, false, true }));
        Assert.That(read.Observed.SelectMany(o => o), Is.EqualTo(new[] { 1.0, 0.0, 2.5, 0.0, -1.0, 1.0 }));
        Assert.That((read.Initial, read.Final), Is.EqualTo((Record("abc").Initial, Record("abc").Final)));
        Assert.That(store.TryRead("other"), Is.Null);
    }

    [Test]
    public void TryRead_AlteredFile_IsDeletedAndReportedNeverUsed()
    {
        var root = TestContext.CurrentContext.WorkDirectory + "/canary-store-" + Guid.NewGuid().ToString("N");
        var messages = new List<string>();
        var store = new CanaryStore(root) { OnCorrupt = messages.Add };
        store.Write(Record("abc"));
        var observed = Path.Combine(store.Root, "abc", "observed.npy");
        var bytes = File.ReadAllBytes(observed);
        bytes[^1] ^= 1;
        File.WriteAllBytes(observed, bytes);
        Assert.That(store.TryRead("abc"), Is.Null);
        Assert.That(Directory.Exists(Path.Combine(store.Root, "abc")), Is.False);
        Assert.That(messages.Single(), Does.Contain("corrupt").And.Contain("training its run again"));
    }

    [Test]
    public void Write_RaggedRecord_Throws() =>
        Assert.Throws<ArgumentException>(() => new CanaryStore(Path.GetTempPath()).Write(new("k", [true, false], [[1.0]], [0.0, 0.0], [0.0, 0.0])));
}
