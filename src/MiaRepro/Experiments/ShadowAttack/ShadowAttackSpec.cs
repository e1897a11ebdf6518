using MiaRepro.Attacks;
using MiaRepro.Attacks.AttackModels;
using MiaRepro.Defenses;
using MiaRepro.Signals;
using MiaRepro.Training;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// Which attacks a shadow-attack experiment runs on the target, and how the shadow-model attack is built:
/// <see cref="Attacks"/> names them ("shadow", "ccr", "similarity-loss", and a threshold attack on any signal of
/// <see cref="SignalRegistry"/>: "loss", "confidence", "entropy", "modified-entropy", "max-confidence", …); the shadow-model attack reads <see cref="Features"/> of the outputs, trains one attack model per
/// true class (<see cref="Model"/>: "mlp" or "svm") on the shadows' outputs, with <see cref="TpOnly"/> keeping only the
/// examples the shadow classifies correctly (Irolla's code does).
/// </summary>
public sealed class ShadowAttackSpec
{
    public string[] Attacks { get; set; } = [];
    public AttackFeatureSpec Features { get; set; } = new();
    public string Model { get; set; } = "mlp";
    public MlpAttackSpec Mlp { get; set; } = new();
    public SvmAttackSpec Svm { get; set; } = new();
    public bool TpOnly { get; set; }
    /// <summary>Threshold attacks: one threshold per true class (Song &amp; Mittal), falling back to the global one for a
    /// class with fewer than 10 shadow members or non-members.</summary>
    public bool ThresholdPerClass { get; set; }
    /// <summary>An output defense ("top-k", "rounding", "label-only") on what the target releases. The attacker knows the
    /// API, so its shadows are queried through the same release and every attack reads released outputs only.</summary>
    public DefenseSpec? Release { get; set; }
    /// <summary>A training defense: the target and every shadow are students distilled from a teacher trained as usual.</summary>
    public DistillationSpec? Distillation { get; set; }

    /// <summary>Li et al.'s §5.5 similarity attack: the target's evaluation examples' loss under the shadows
    /// (<see cref="ShadowLossAttack"/>). Not named "shadow-…": checks select the shadow-model attack as "shadow-*".</summary>
    public const string ShadowLoss = ShadowLossAttack.Name;

    /// <summary>The shadow-model attack as experiment files name it (tables say which attack model: ShadowModelAttack.NameOf).</summary>
    public const string Shadow = "shadow";

    public static string[] Known => [Shadow, CorrectClassificationRule.Name, ShadowLoss, .. SignalRegistry.Names];

    public void Validate()
    {
        if (Attacks.Length == 0) throw new ArgumentException($"shadowAttack:attacks must name at least one of {string.Join(", ", Known)}.");
        for (var i = 0; i < Attacks.Length; i++)
            if (!Known.Contains(Attacks[i])) throw new ArgumentException($"shadowAttack:attacks:{i} '{Attacks[i]}' is unknown: use {string.Join(", ", Known)}.");
        if (Attacks.Distinct().Count() != Attacks.Length) throw new ArgumentException("shadowAttack:attacks must not repeat a name.");
        Features.Validate();
        if (Model is not ("mlp" or "svm")) throw new ArgumentException($"shadowAttack:model '{Model}' is unknown: use \"mlp\" or \"svm\".");
        if (Model == "mlp") Mlp.Validate(); else Svm.Validate();
        Distillation?.Validate("shadowAttack:distillation");
        if (Release is null) return;
        Release.Validate("shadowAttack:release");
        if (Release.Name is not ("top-k" or "rounding" or "label-only"))
            throw new ArgumentException($"shadowAttack:release:name '{Release.Name}' is not an output defense: use top-k, rounding or label-only " +
                                        "(L2 is a training setting: training:l2; distillation is shadowAttack:distillation).");
    }
}
