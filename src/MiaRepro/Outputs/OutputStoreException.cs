namespace MiaRepro.Outputs;

/// <summary>A stored output (.npy, manifest, keep mask) that cannot be used as it is; the message names the file and the fix.</summary>
public sealed class OutputStoreException(string message) : Exception(message);
