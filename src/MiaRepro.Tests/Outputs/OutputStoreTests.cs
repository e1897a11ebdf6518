using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>The store returns exactly what was written, and refuses outputs from another experiment, code version or a damaged file.</summary>
[TestFixture]
public sealed class OutputStoreTests
{
    [Test]
    public void Read_AfterWrite_ReturnsTheSameOutputs()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        var written = OutputsSamples.Make();
        Assert.That(store.Has(written.ModelKey), Is.False);
        store.Write(written, OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        Assert.That(store.Has(written.ModelKey), Is.True);
        var read = store.Read(written.ModelKey, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        Assert.That(read.Logits, Is.EqualTo(written.Logits));
        Assert.That(read.Labels, Is.EqualTo(written.Labels));
        Assert.That(read.Augmentations, Is.EqualTo(written.Augmentations));
        Assert.That((read.N, read.A, read.C, read.Pool), Is.EqualTo((5, 2, 3, "train+test")));
    }

    [Test]
    public void Write_Manifest_RecordsShapesHashesAndProvenance()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var dir = store.DirectoryOf("shadow-0");
        var json = File.ReadAllText(Path.Combine(dir, "manifest.json"));
        Assert.That(json, Does.Contain("\"formatVersion\": \"outputs-v1\"").And.Contain("\"splitManifestSha256\"").And.Contain("\"libTorchVersion\": \"2.10.0\""));
        var manifest = OutputManifest.Load(Path.Combine(dir, "manifest.json"));
        Assert.That(manifest.Files["logits.npy"].Shape, Is.EqualTo(new long[] { 5, 2, 3 }));
        Assert.That(manifest.Files["labels.npy"].Shape, Is.EqualTo(new long[] { 5 }));
        Assert.That(manifest.Files["logits.npy"].Sha256, Is.EqualTo(OutputStore.Sha256Of(Path.Combine(dir, "logits.npy"))));
        Assert.That(manifest.Provenance, Is.EqualTo(OutputsSamples.Provenance));
    }

    [Test]
    public void Read_LogitsByteFlipped_NamesLogitsNpyAndBothHashes()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var path = Path.Combine(store.DirectoryOf("shadow-0"), "logits.npy");
        var recorded = OutputStore.Sha256Of(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<OutputStoreException>(() => store.Read("shadow-0", OutputsSamples.DatasetSha, OutputsSamples.SplitSha))!;
        Assert.That(e.Message, Does.Contain("logits.npy").And.Contain(recorded).And.Contain(OutputStore.Sha256Of(path)).And.Contain("Delete"));
    }

    [Test]
    public void Read_OtherDatasetSha_SaysAnotherDatasetAndHowToFix()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var other = new string('e', 64);
        var e = Assert.Throws<OutputStoreException>(() => store.Read("shadow-0", other, OutputsSamples.SplitSha))!;
        Assert.That(e.Message, Does.Contain("datasetSha256").And.Contain(other).And.Contain(OutputsSamples.DatasetSha)
            .And.Contain("another dataset").And.Contain($"delete {store.DirectoryOf("shadow-0")} and rerun"));
    }

    [Test]
    public void Read_OtherSplitSha_SaysAnotherSplit()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var e = Assert.Throws<OutputStoreException>(() => store.Read("shadow-0", OutputsSamples.DatasetSha, new string('f', 64)))!;
        Assert.That(e.Message, Does.Contain("splitManifestSha256").And.Contain("another split"));
    }

    [Test]
    public void Read_OlderFormatVersion_SaysAnotherCodeVersion()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var manifest = Path.Combine(store.DirectoryOf("shadow-0"), "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("outputs-v1", "outputs-v0"));
        var e = Assert.Throws<OutputStoreException>(() => store.Read("shadow-0", OutputsSamples.DatasetSha, OutputsSamples.SplitSha))!;
        Assert.That(e.Message, Does.Contain("formatVersion").And.Contain("outputs-v0").And.Contain("outputs-v1").And.Contain("another code version"));
    }

    [Test]
    public void Read_NoStore_NamesTheMissingManifest()
    {
        using var t = TestEnvironment.Temp();
        var e = Assert.Throws<OutputStoreException>(() => new OutputStore(t.Path).Read("shadow-9", OutputsSamples.DatasetSha, OutputsSamples.SplitSha))!;
        Assert.That(e.Message, Does.Contain(Path.Combine(t.Path, "shadow-9", "manifest.json")).And.Contain("missing"));
    }

    [Test]
    public void Write_InterruptedInsideTheFill_LeavesThePreviousStoreIntact()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        var first = OutputsSamples.Make();
        store.Write(first, OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        Assert.Throws<IOException>(() => store.Write(OutputsSamples.Make(offset: 10f), OutputsSamples.Provenance, OutputsSamples.DatasetSha,
            OutputsSamples.SplitSha, beforeManifest: _ => throw new IOException("interrupted")));
        var read = store.Read("shadow-0", OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        Assert.That(read.Logits, Is.EqualTo(first.Logits));
        Assert.That(Directory.GetDirectories(t.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "shadow-0" }));
    }

    [Test]
    public void Write_Twice_ReplacesTheWholeStore()
    {
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t.Path);
        store.Write(OutputsSamples.Make(n: 5), OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var second = OutputsSamples.Make(n: 4, offset: 1f);
        store.Write(second, OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        Assert.That(store.Read("shadow-0", OutputsSamples.DatasetSha, OutputsSamples.SplitSha).Logits, Is.EqualTo(second.Logits));
    }
}
