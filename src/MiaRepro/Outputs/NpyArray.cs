namespace MiaRepro.Outputs;

/// <summary>An array read from or written to a .npy file: its shape and its elements in C (row-major) order.</summary>
public sealed record NpyArray<T>(long[] Shape, T[] Data);
