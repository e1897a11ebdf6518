using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MiaRepro.Data;
using NUnit.Framework;

namespace MiaRepro.Tests.Data;

/// <summary>Downloads from a loopback server holding ../shared/data, or a tiny made-up dataset whose sha256 the test pins:
/// real HTTP, real checksums, no internet.</summary>
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

    /// <summary>A made-up one-file dataset served from <paramref name="serverRoot"/>/fake/, its sha256 pinned from the bytes.</summary>
    static DatasetInfo Fake(string serverRoot, string baseUrl, int length = 10_000)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        Directory.CreateDirectory(Path.Combine(serverRoot, "fake"));
        File.WriteAllBytes(Path.Combine(serverRoot, "fake", "tiny.bin"), bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new("fake", "fake", [new("tiny.bin", length, sha)], new($"{baseUrl}/fake", PerFilePlain: true), []);
    }

    [Test]
    public async Task Download_MissingFakeDataset_LandsCheckedFileAndReportsProgress()
    {
        using var t = TestEnvironment.Temp();
        using var server = new LoopbackFileServer(t["server"]);
        var info = Fake(t["server"], server.BaseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var seen = new List<DownloadProgress>();
        Assert.That(DatasetFiles.Absent(info, t["data"]), Does.Contain("tiny.bin"));

        await new DatasetDownloader(http) { OnProgress = seen.Add }.Download(info, t["data"]);

        Assert.That(DatasetFiles.Absent(info, t["data"]), Is.Null);
        Assert.That(DatasetFiles.Read(info, info.Files[0], t["data"]).Sha256, Is.EqualTo(info.Files[0].Sha256));
        Assert.That(seen[^1], Is.EqualTo(new DownloadProgress($"{server.BaseUrl}/fake/tiny.bin", 10_000, 10_000)));
        Assert.That(Directory.GetFileSystemEntries(t["data"]), Is.EqualTo(new[] { t["data/fake"] }), "no staging folder left behind");
    }

    [Test]
    public void Download_ServerSendsWrongBytes_Sha256ErrorNamesDatasetUrlAndPathAndLeavesNothing()
    {
        using var t = TestEnvironment.Temp();
        using var server = new LoopbackFileServer(t["server"]) { Tamper = (_, bytes) => { bytes[42] ^= 1; return bytes; } };
        var info = Fake(t["server"], server.BaseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var e = Assert.ThrowsAsync<DatasetException>(() => new DatasetDownloader(http).Download(info, t["data"]))!;

        Assert.That(e.Message, Does.StartWith("fake:").And.Contain("sha256").And.Contain(info.Files[0].Sha256!)
            .And.Contain($"{server.BaseUrl}/fake/tiny.bin").And.Contain(t["data/fake"]).And.Contain("place the official files there"));
        Assert.That(Directory.Exists(t["data/fake"]), Is.False, "nothing at the expected path");
        Assert.That(Directory.GetFileSystemEntries(t["data"]), Is.Empty, "no staging folder left behind");
    }

    [Test]
    public void Download_NoServerListening_NamesUrlAndPathAndLeavesNothing()
    {
        using var t = TestEnvironment.Temp();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();   // nothing listens there now: the connection is refused, as with no network
        var info = Fake(t["server"], $"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var e = Assert.ThrowsAsync<DatasetException>(() => new DatasetDownloader(http).Download(info, t["data"]))!;

        Assert.That(e.Message, Does.Contain($"download of http://127.0.0.1:{port}/fake/tiny.bin failed").And.Contain(t["data/fake"]));
        Assert.That(Directory.GetFileSystemEntries(t["data"]), Is.Empty);
    }

    [Test]
    public void Checks_EntryWithoutPinnedSha256_SaysSo()
    {
        Assert.That(DatasetCatalog.Cifar10.Checks, Is.EqualTo("sha256 checked"));
        Assert.That(DatasetCatalog.Cifar100.Checks, Is.EqualTo("sizes checked; no official sha256 pinned"));
        Assert.That(DatasetCatalog.Purchase100.Checks, Does.Contain("no official sha256 or size pinned"));
    }
}
