using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>Bad data gets a message that names the file and the fix.</summary>
[TestFixture]
public sealed class DataErrorTests
{
    static void CopyCifar(string root)
    {
        var folder = Path.Combine(root, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        foreach (var f in DatasetCatalog.Cifar10.Files)
            File.Copy(Path.Combine(TestEnvironment.DataRoot, "cifar-10-batches-bin", f.RelativePath), Path.Combine(folder, f.RelativePath));
    }

    [Test]
    public void Load_MissingDataRoot_NamesTheRootAndTheFix()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load("cifar10", "/nonexistent/miarepro-data"))!;
        Assert.That(e.Message, Does.Contain("/nonexistent/miarepro-data").And.Contain("MIAREPRO_DATA").And.Contain("data download cifar10"));
    }

    [Test]
    public void Load_MissingFile_NamesExpectedPathUrlAndChecksum()
    {
        using var t = TestEnvironment.Temp();
        var e = Assert.Throws<DatasetException>(() => Idx.LoadMnist(t.Path))!;
        Assert.That(e.Message, Does.Contain(Path.Combine(t.Path, "mnist", "train-images-idx3-ubyte"))
            .And.Contain("https://").And.Contain("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"));
    }

    [Test]
    public void Load_TruncatedCifarBatch_SaysTruncatedWithSizes()
    {
        using var t = TestEnvironment.Temp();
        CopyCifar(t.Path);
        var batch = Path.Combine(t.Path, "cifar-10-batches-bin", "data_batch_3.bin");
        using (var f = File.OpenWrite(batch)) f.SetLength(30_730_000 - 3073 * 10);
        var e = Assert.Throws<DatasetException>(() => Cifar.LoadCifar10(t.Path))!;
        Assert.That(e.Message, Does.Contain("data_batch_3.bin").And.Contain("truncated").And.Contain("30,730,000"));
    }

    [Test]
    public void Load_FlippedByte_ReportsChecksumMismatch()
    {
        using var t = TestEnvironment.Temp();
        CopyCifar(t.Path);
        var batch = Path.Combine(t.Path, "cifar-10-batches-bin", "test_batch.bin");
        var bytes = File.ReadAllBytes(batch);
        bytes[1234] ^= 0xFF;
        File.WriteAllBytes(batch, bytes);
        var e = Assert.Throws<DatasetException>(() => Cifar.LoadCifar10(t.Path))!;
        Assert.That(e.Message, Does.Contain("sha256").And.Contain("8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b").And.Contain("data download"));
    }

    [Test]
    public void Load_CorruptGzip_SaysNotValidGzip()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["mnist"]);
        File.WriteAllText(t["mnist/train-images-idx3-ubyte.gz"], "this is not gzip");
        var e = Assert.Throws<DatasetException>(() => Idx.LoadMnist(t.Path))!;
        Assert.That(e.Message, Does.Contain("not a valid gzip"));
    }

    [Test]
    public void Load_ModifiedAdultFile_IsRejectedNamingTheFile()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["adult"]);
        var lines = File.ReadAllLines(Path.Combine(TestEnvironment.DataRoot, "adult", "adult.data"));
        File.Copy(Path.Combine(TestEnvironment.DataRoot, "adult", "adult.test"), t["adult/adult.test"]);
        lines[2] = lines[2].Replace(", ", "; ", StringComparison.Ordinal);
        File.WriteAllLines(t["adult/adult.data"], lines);
        var e = Assert.Throws<DatasetException>(() => Adult.Load(t.Path))!;
        Assert.That(e.Message, Does.Contain("adult.data"));
    }

    [Test]
    public void Load_UnknownDatasetName_ListsKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetLoader.Load("imagenet", TestEnvironment.DataRoot))!;
        Assert.That(e.Message, Does.Contain("imagenet").And.Contain("cifar10").And.Contain("adult"));
    }
}
