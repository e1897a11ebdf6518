using System.Text;
using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>Purchase-100 and Texas-100 (not installed here): their loaders on tiny files written by the test, in the
/// official layouts (purchase: class then features per row; texas: feats and labels files), and the errors on files that
/// are not theirs.</summary>
[TestFixture, NonParallelizable]
public sealed class BinaryFeatureRecordsTests
{
    static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Test]
    public void Purchase100_Load_TinyFileUnderTheDataRoot_ClassesZeroBasedAllInTrain()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["purchase100"]);
        File.WriteAllText(t["purchase100/dataset_purchase"], "3,0,1,1\r\n100,1,0,0\n1,0,0,0\n\n");
        var d = Purchase100.Load(t.Path);
        Assert.Multiple(() =>
        {
            Assert.That(d.Name, Is.EqualTo("purchase100"));
            Assert.That(d.Train.Features.shape, Is.EqualTo(new long[] { 3, 3 }));
            Assert.That(d.Train.Features.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 1, 1, 1, 0, 0, 0, 0, 0 }));
            Assert.That(d.Train.Labels.data<long>().ToArray(), Is.EqualTo(new long[] { 2, 99, 0 }));
            Assert.That((d.Train.Classes, d.Test.Count, d.Test.Features.shape[1]), Is.EqualTo((100, 0L, 3L)));
            Assert.That(d.Sha256, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public void Texas100_Load_TinyFeatsAndLabels_ClassesZeroBased()
    {
        using var t = TestEnvironment.Temp();
        Directory.CreateDirectory(t["texas100"]);
        File.WriteAllText(t["texas100/feats"], "0,1,0,1\n1,1,0,0\n");
        File.WriteAllText(t["texas100/labels"], "1\n57\n");
        var d = Texas100.Load(t.Path);
        Assert.Multiple(() =>
        {
            Assert.That(d.Train.Features.shape, Is.EqualTo(new long[] { 2, 4 }));
            Assert.That(d.Train.Labels.data<long>().ToArray(), Is.EqualTo(new long[] { 0, 56 }));
            Assert.That(d.Test.Count, Is.EqualTo(0));
        });
    }

    [TestCase("dataset_purchase", "purchase100", "https://www.comp.nus.edu.sg/~reza/files/dataset_purchase.tgz")]
    [TestCase("feats", "texas100", "https://www.comp.nus.edu.sg/~reza/files/dataset_texas.tgz")]
    public void Load_Absent_NamesThePathTheDownloadCommandAndTheSource(string file, string name, string url)
    {
        using var t = TestEnvironment.Temp();
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(name, t.Path))!;
        Assert.That(e.Message, Does.Contain($"{name}/{file}").And.Contain($"miarepro data download {name}").And.Contain(url));
    }

    /// <summary>What a claim on an absent dataset is reported not run with (PaperClaims, miarepro run): the download
    /// command; null once the files are there.</summary>
    [Test]
    public void Absent_MissingThenPresent_ReasonThenNull()
    {
        using var t = TestEnvironment.Temp();
        Assert.That(DatasetFiles.Absent("texas100", t.Path), Does.Contain("miarepro data download texas100"));
        Directory.CreateDirectory(t["texas100"]);
        File.WriteAllText(t["texas100/feats"], "0,1\n");
        Assert.That(DatasetFiles.Absent("texas100", t.Path), Does.Contain("'labels' not found"));
        File.WriteAllText(t["texas100/labels"], "1\n");
        Assert.That(DatasetFiles.Absent("texas100", t.Path), Is.Null);
    }

    static IEnumerable<TestCaseData> BadPurchaseFiles()
    {
        yield return new TestCaseData("3,0,1\n4,1,0,1\n", "line 2 has 4 fields, expected 3").SetName("Purchase100_RaggedRow_NamesTheLine");
        yield return new TestCaseData("3,0,2\n", "feature 2 is 2, not 0 or 1").SetName("Purchase100_NonBinaryFeature_NamesIt");
        yield return new TestCaseData("0,0,1\n", "class 0, outside 1..100").SetName("Purchase100_ClassZero_IsRejected");
        yield return new TestCaseData("101,0,1\n", "class 101, outside 1..100").SetName("Purchase100_Class101_IsRejected");
        yield return new TestCaseData("3,0,x\n", "'x' where integers were expected").SetName("Purchase100_NotAnInteger_NamesIt");
        yield return new TestCaseData("3,,1\n", "line 1 has an empty field").SetName("Purchase100_EmptyField_NamesTheLine");
        yield return new TestCaseData("\n\n", "holds no rows").SetName("Purchase100_Empty_SaysSo");
    }

    [TestCaseSource(nameof(BadPurchaseFiles))]
    public void Purchase100_BadFile_ErrorNamesTheProblem(string text, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Purchase100.FromBytes(B(text), "sha"))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void Texas100_LabelsForOtherRecords_SaysTheFilesDoNotBelongTogether()
    {
        var e = Assert.Throws<DatasetException>(() => Texas100.FromBytes(B("0,1\n1,0\n"), B("1\n"), "sha"))!;
        Assert.That(e.Message, Does.Contain("2 rows but texas100/labels 1"));
    }
}
