namespace MiaRepro.Outputs;

/// <summary>One stored file as the manifest records it: its array shape and the sha256 of its bytes.</summary>
public sealed record OutputFileEntry(long[] Shape, string Sha256);
