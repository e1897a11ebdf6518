namespace MiaRepro.Data;

/// <summary>Bytes received so far from one URL, and the length the server announced (null when it did not).</summary>
public sealed record DownloadProgress(string Url, long Received, long? Total);
