using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace MiaRepro.Tests.Data;

/// <summary>
/// Serves a folder over HTTP on 127.0.0.1 so download code runs for real with no internet. A request for "x.gz" whose
/// file is absent gets "x" gzipped on the fly (the official MNIST layout). <see cref="Tamper"/> alters served bytes;
/// <see cref="Requests"/> counts what was asked for (an offline run asks for nothing).
/// </summary>
public sealed class LoopbackFileServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly string root;
    readonly Task loop;
    int requests;

    public string BaseUrl { get; }
    public Func<string, byte[], byte[]>? Tamper { get; init; }
    public int Requests => Volatile.Read(ref requests);

    public LoopbackFileServer(string root)
    {
        this.root = root;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref requests);
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            var path = Path.Combine(root, relative);
            byte[]? body = null;
            if (File.Exists(path)) body = File.ReadAllBytes(path);
            else if (path.EndsWith(".gz", StringComparison.Ordinal) && File.Exists(path[..^3]))
            {
                using var buffer = new MemoryStream();
                using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(File.ReadAllBytes(path[..^3]));
                body = buffer.ToArray();
            }
            if (body is null) context.Response.StatusCode = 404;
            else
            {
                body = Tamper?.Invoke(relative, body) ?? body;
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
