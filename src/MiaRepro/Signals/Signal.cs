using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace MiaRepro.Signals;

/// <summary>
/// A per-example quantity read off a model's outputs (<see cref="SignalRegistry"/> lists them all). <see cref="Compute"/>
/// gives the raw value (a loss, a probability, an entropy); <see cref="MembershipScores"/> gives it oriented so that
/// higher = member, which is what every attack and metric takes. A KDE over raw values keeps <see cref="Compute"/>.
/// </summary>
/// <param name="Name">The name experiments use in JSON ("loss", "modified-entropy", …).</param>
/// <param name="Description">One line: what the value is, and whether members score lower or higher.</param>
/// <param name="Orientation">+1 if a higher raw value means member, −1 if a lower one does (a loss, an entropy).</param>
/// <param name="Compute">Raw values, one finite double per example, from logits [N, C] and integer labels [N];
/// throws <see cref="ArgumentException"/> for mismatched shapes, labels out of range or non-finite logits.</param>
/// <param name="FromReleasedTrueClass">For a signal that is a function of p_y alone: the raw value from log p_y [N] of a
/// released probability vector and the release's floor for 1 − p_y (<see cref="ReleasedLoss"/>); null otherwise.</param>
[JsonConverter(typeof(SignalJsonConverter))]
public sealed record Signal(string Name, string Description, int Orientation, Func<Tensor, Tensor, double[]> Compute,
    Func<Tensor, double, Tensor>? FromReleasedTrueClass = null)
{
    public int Orientation { get; init; } = Orientation is 1 or -1
        ? Orientation
        : throw new ArgumentOutOfRangeException(nameof(Orientation), Orientation, "A signal's orientation is +1 (higher = member) or −1 (lower = member).");

    /// <summary>The raw value oriented higher = member. Exact: multiplying by ±1 only flips the sign.</summary>
    public double MembershipScore(double raw) => Orientation * raw;

    /// <summary><see cref="Compute"/>, oriented higher = member.</summary>
    public double[] MembershipScores(Tensor logits, Tensor labels) => Compute(logits, labels).Select(MembershipScore).ToArray();

    public override string ToString() => Name;
}
