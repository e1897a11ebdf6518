namespace MiaRepro.Experiments;

/// <summary>An experiment file is malformed or asks for something impossible; the message names the file and key.</summary>
public sealed class ExperimentException(string message, Exception? inner = null) : Exception(message, inner);
