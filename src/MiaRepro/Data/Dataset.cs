namespace MiaRepro.Data;

/// <summary>A dataset's official train and test parts, and a checksum that pins the exact files they came from.</summary>
public sealed record Dataset(string Name, LabelledData Train, LabelledData Test, string Sha256)
{
    /// <summary>The named part: "train" or "test".</summary>
    public LabelledData Part(string name) => name switch
    {
        "train" => Train,
        "test" => Test,
        _ => throw new ArgumentException($"Unknown dataset part '{name}': use \"train\" or \"test\".", nameof(name)),
    };
}
