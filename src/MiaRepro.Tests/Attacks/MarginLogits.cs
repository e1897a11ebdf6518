using static TorchSharp.torch;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// Hand-made three-class logits where each example's true class sits at a chosen margin above the other two (both 0):
/// for margins ≥ 0 every threshold signal is increasing in the margin, so the ordering of members and non-members is
/// known without computing a softmax.
/// </summary>
public static class MarginLogits
{
    public const int Classes = 3;

    public static (Tensor Logits, Tensor Labels) Of(IReadOnlyList<(int Label, double Margin)> rows)
    {
        var z = new float[rows.Count * Classes];
        for (var i = 0; i < rows.Count; i++)
            z[i * Classes + rows[i].Label] = (float)rows[i].Margin;
        return (tensor(z, new long[] { rows.Count, Classes }), tensor(rows.Select(r => (long)r.Label).ToArray()));
    }

    /// <summary>Members then non-members, all of one class.</summary>
    public static (Tensor Logits, Tensor Labels, bool[] IsMember) Split(int label, double[] memberMargins, double[] nonMemberMargins)
    {
        var (z, y) = Of(memberMargins.Concat(nonMemberMargins).Select(m => (label, m)).ToArray());
        return (z, y, memberMargins.Select(_ => true).Concat(nonMemberMargins.Select(_ => false)).ToArray());
    }
}
