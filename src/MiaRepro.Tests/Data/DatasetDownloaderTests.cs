using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>Downloads from a loopback server holding ../shared/data: real HTTP, real checksums, no internet.</summary>
[TestFixture]
public sealed class DatasetDownloaderTests
{
    [Test]
    public async Task Download_OfficialGzipLayout_LandsVerifiedFiles()
    {
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot);
        using var t = TestEnvironment.Temp();
        using var http = new HttpClient();
        var info = DatasetCatalog.Mnist with { Download = new($"{server.BaseUrl}/mnist", PerFileGzip: true) };
        var files = await new DatasetDownloader(http).Download(info, t.Path);
        Assert.That(files, Has.Count.EqualTo(4));
        Assert.That(Idx.LoadMnist(t.Path).Train.Count, Is.EqualTo(60000));
    }

    [Test]
    public async Task Download_FromMirror_ChecksSha256()
    {
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot);
        using var t = TestEnvironment.Temp();
        using var http = new HttpClient();
        await new DatasetDownloader(http, mirror: server.BaseUrl).Download(DatasetCatalog.Adult, t.Path);
        Assert.That(Adult.Load(t.Path).Train.Count, Is.EqualTo(32561));
    }

    [Test]
    public void Download_TamperedFile_FailsAndLandsNothing()
    {
        using var server = new LoopbackFileServer(TestEnvironment.DataRoot)
        {
            Tamper = (path, bytes) => { if (path.EndsWith("adult.test", StringComparison.Ordinal)) bytes[100] ^= 1; return bytes; },
        };
        using var t = TestEnvironment.Temp();
        using var http = new HttpClient();
        var e = Assert.ThrowsAsync<DatasetException>(() => new DatasetDownloader(http, mirror: server.BaseUrl).Download(DatasetCatalog.Adult, t.Path))!;
        Assert.That(e.Message, Does.Contain("adult.test").And.Contain("sha256"));
        Assert.That(Directory.GetFiles(t.Path, "*", SearchOption.AllDirectories), Is.Empty, "no file lands, verified or not");
    }

    [Test]
    public void Download_MissingOnServer_SaysHttpStatus()
    {
        using var t = TestEnvironment.Temp();
        using var server = new LoopbackFileServer(t.Path);
        using var http = new HttpClient();
        var e = Assert.ThrowsAsync<DatasetException>(() => new DatasetDownloader(http, mirror: server.BaseUrl).Download(DatasetCatalog.Adult, t["root"]))!;
        Assert.That(e.Message, Does.Contain("HTTP 404"));
    }
}
