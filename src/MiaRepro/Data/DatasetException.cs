namespace MiaRepro.Data;

/// <summary>A dataset is missing, truncated or not the official one. The message names the file and the fix.</summary>
public sealed class DatasetException(string message) : Exception(message);
