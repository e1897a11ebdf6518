namespace MiaRepro.Attacks;

/// <summary>
/// One draw of the data-leak attacker's knowledge (<see cref="LeakSampler"/>): indices into the full member and
/// non-member loss arrays, and the losses at those indices. The four index sets are disjoint within their array.
/// </summary>
public sealed record LeakSample(
    int[] KnownMemberIndices,
    int[] PrivateIndices,
    int[] HeldOutMemberIndices,
    int[] HeldOutNonMemberIndices,
    double[] KnownMembers,
    double[] Private,
    double[] HeldOutMembers,
    double[] HeldOutNonMembers)
{
    /// <summary>The leak percentage p the sample was drawn for.</summary>
    public required double LeakPercent { get; init; }
    public required int Seed { get; init; }
}
