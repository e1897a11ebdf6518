namespace MiaRepro.Data;

/// <summary>One named part of a split as an experiment asks for it: <see cref="Size"/> examples drawn from the
/// dataset's "train", "test" or "all" (train then test) part.</summary>
public sealed class SplitPart
{
    public string From { get; set; } = "train";
    public int Size { get; set; }
}
