namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>How many of a target's other models score an example on each side (IN: trained on it; OUT: not), when
/// the attack uses all of them (no k given).</summary>
public enum ReferenceBalance
{
    /// <summary>The same count on each side for every example, whatever the target's own membership: min(IN, OUT over
    /// all M models) − 1, which every target can supply (M/2 − 1 with balanced keep masks). The default: the reference
    /// code's plot.py likewise cuts every example to the smallest count.</summary>
    Balanced,

    /// <summary>Every other model of each side. Under leave-one-model-out with balanced masks the target's members then
    /// have M/2 − 1 IN and M/2 OUT references and its non-members the reverse, so the counts carry the target's
    /// membership into the scores (LiRA online pushed down, RMIA online up). Kept, named, to measure that bias.</summary>
    AllOthers,
}
