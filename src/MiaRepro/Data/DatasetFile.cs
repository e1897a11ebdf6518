namespace MiaRepro.Data;

/// <summary>One official file of a dataset: where it lives under the dataset's folder, its size and sha256
/// (null where no official checksum is known), and the archive member it comes from when downloaded.</summary>
public sealed record DatasetFile(string RelativePath, long Size, string? Sha256);
