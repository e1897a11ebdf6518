namespace MiaRepro.Data;

/// <summary>One official file of a dataset: where it lives under the dataset's folder, its size and sha256
/// (each null where no verified value is known: never guessed), and the archive member it comes from when downloaded.</summary>
public sealed record DatasetFile(string RelativePath, long? Size, string? Sha256);
