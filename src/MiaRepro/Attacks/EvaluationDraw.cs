using MiaRepro.Data;

namespace MiaRepro.Attacks;

/// <summary>
/// Draws the evaluation set from the target's split: members from the part the target trained on, non-members from
/// its held-out part, each a seeded sample of the requested size (0 = all). Shadow pools are other parts of the same
/// manifest, disjoint by construction; naming one here is refused, so an attack is never scored on shadow data.
/// </summary>
public sealed record EvaluationDraw(long[] MemberIndices, long[] NonMemberIndices)
{
    public const string MembersPart = "members";
    public const string NonMembersPart = "nonMembers";

    public static EvaluationDraw Draw(SplitManifest split, int members, int nonMembers, int seed)
    {
        var rng = new Random(seed);
        return new(Sample(split, MembersPart, members, rng), Sample(split, NonMembersPart, nonMembers, rng));
    }

    static long[] Sample(SplitManifest split, string part, int size, Random rng)
    {
        if (!split.Parts.TryGetValue(part, out var p))
            throw new ArgumentException($"The split has no part '{part}': the target's evaluation set is drawn from split parts \"{MembersPart}\" and \"{NonMembersPart}\" only.");
        if (size > p.Indices.Length)
            throw new ArgumentException($"evaluation asks for {size} examples from '{part}', which has {p.Indices.Length}. Lower evaluation:{(part == MembersPart ? "members" : "nonMembers")} (0 = all).");
        if (size == 0) return p.Indices.ToArray();
        var copy = p.Indices.ToArray();
        rng.Shuffle(copy);
        var sample = copy[..size];
        Array.Sort(sample);
        return sample;
    }
}
