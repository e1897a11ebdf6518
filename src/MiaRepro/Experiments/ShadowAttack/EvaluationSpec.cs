namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// The evaluation set every attack scores: <see cref="Members"/> examples drawn from the target's training part
/// ("members") and <see cref="NonMembers"/> from its held-out part ("nonMembers"); 0 = the whole part. Always drawn
/// from the target's split, never from shadow data. Unequal sizes are allowed and reported (accuracy then depends on
/// the balance; balanced accuracy does not), never silently rebalanced.
/// </summary>
public sealed class EvaluationSpec
{
    public int Members { get; set; }
    public int NonMembers { get; set; }
    /// <summary>Irolla's "TP-only" evaluation: keep only examples the target classifies correctly.</summary>
    public bool TpOnly { get; set; }

    public void Validate()
    {
        if (Members < 0) throw new ArgumentException($"evaluation:members must be ≥ 0 (0 = all), not {Members}.");
        if (NonMembers < 0) throw new ArgumentException($"evaluation:nonMembers must be ≥ 0 (0 = all), not {NonMembers}.");
    }
}
