using MiaRepro.Attacks;
using MiaRepro.Signals;
using MiaRepro.Defenses;
namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>
/// The defense × attack matrix: every defense in <see cref="Defenses"/> against every attack in <see cref="Attacks"/>
/// ("kde", "loss-threshold", "ccr"), all in the data-leak setting of Bîndilă et al.: per trial the attacker knows a
/// <see cref="LeakPercent"/> leak of the members and as many private non-members (fitting the KDEs, choosing the loss
/// threshold) and is scored on a disjoint held-out sample (<see cref="HeldOutFraction"/> of that size, each side).
/// Signals come from the released output with loss <see cref="Loss"/>.
/// </summary>
public sealed class DefenseMatrixSpec
{
    public List<DefenseSpec> Defenses { get; set; } = new();
    public string[] Attacks { get; set; } = [];
    public string Loss { get; set; } = "cross-entropy";
    public double LeakPercent { get; set; } = 8;
    public int Trials { get; set; } = 10;
    public double HeldOutFraction { get; set; } = 0.2;

    /// <summary>The loss-threshold attack's name (Yeom et al.'s rule on the matrix's loss).</summary>
    public static readonly string LossThreshold = ThresholdAttack.NameOf(SignalRegistry.Loss);

    public static readonly string[] AttackNames = [KdeGreyBoxAttack.Name, LossThreshold, CorrectClassificationRule.Name];

    public void Validate()
    {
        if (Defenses.Count == 0 || Defenses[0].Name != "none")
            throw new ArgumentException("defenseMatrix:defenses must start with {\"name\": \"none\"}: the undefended target every defense is compared with.");
        for (var i = 0; i < Defenses.Count; i++) Defenses[i].Validate($"defenseMatrix:defenses:{i}");
        if (Defenses.Select(d => d.Label).Distinct().Count() != Defenses.Count)
            throw new ArgumentException("defenseMatrix:defenses lists the same defense twice.");
        if (Attacks.Length == 0 || Attacks.Any(a => !AttackNames.Contains(a)))
            throw new ArgumentException($"defenseMatrix:attacks must list some of {string.Join(", ", AttackNames)}.");
        // Output defenses release probabilities, read through p_y alone (ReleasedLoss): only such signals fit here.
        if (SpecSignals.Resolve("defenseMatrix:loss", Loss).FromReleasedTrueClass is null)
            throw new ArgumentException($"defenseMatrix:loss '{Loss}' depends on the whole probability vector: use a function of p_y " +
                                        "(\"cross-entropy\", \"probability\", \"logit-scaled\").");
        if (!(LeakPercent > 0 && LeakPercent < 100)) throw new ArgumentException($"defenseMatrix:leakPercent must be in (0, 100), not {LeakPercent}.");
        if (Trials < 1) throw new ArgumentException($"defenseMatrix:trials must be ≥ 1, not {Trials}.");
    }
}
