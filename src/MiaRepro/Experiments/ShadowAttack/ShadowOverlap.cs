using MiaRepro.Data;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// A shadow's examples must not include the target's members: an l-Leaks shadow queries the target on its own training
/// set, so an overlap would hand the attacker the target's outputs on members (and any shadow trained on members
/// learns them). Split parts are disjoint by construction; this guards the draw the runner actually uses.
/// </summary>
public static class ShadowOverlap
{
    public static void Require(ShadowDraw draw, SplitManifest split, string membersPart = Attacks.EvaluationDraw.MembersPart)
    {
        var members = split.Parts[membersPart];
        var set = members.Indices.ToHashSet();
        foreach (var (key, source, indices) in new[] { ("inFrom", draw.InSource, draw.In), ("outFrom", draw.OutSource, draw.Out) })
        {
            if (source != members.From) continue;   // indices of another dataset part never name a member
            var shared = indices.Count(set.Contains);
            if (shared > 0)
                throw new ArgumentException($"shadows:{key}: the shadow set shares {shared} example(s) with the target's members (split:{membersPart}): " +
                                            "the attacker's data must be disjoint from the target's training set. Draw the shadows from a part of the split other than members.");
        }
    }
}
