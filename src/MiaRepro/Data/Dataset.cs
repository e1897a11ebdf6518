using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>A dataset's official train and test parts, and a checksum that pins the exact files they came from.</summary>
public sealed record Dataset(string Name, LabelledData Train, LabelledData Test, string Sha256)
{
    LabelledData? all;

    /// <summary>The named part: "train", "test", or "all" (train then test, for papers that pool both before splitting,
    /// e.g. Preeti &amp; Khan: index i &lt; train count is train example i, the rest are test examples).</summary>
    public LabelledData Part(string name) => name switch
    {
        "train" => Train,
        "test" => Test,
        "all" => all ??= new(cat([Train.Features, Test.Features], 0), cat([Train.Labels, Test.Labels], 0), Train.Classes),
        _ => throw new ArgumentException($"Unknown dataset part '{name}': use \"train\", \"test\" or \"all\".", nameof(name)),
    };

    public static readonly string[] PartNames = ["train", "test", "all"];
}
