using System.Text.Json.Serialization;

namespace MiaRepro.Experiments.KdeLeak;

/// <summary>The attack on one target (variant, λ, seed) with one loss at one leak %, over trials: its held-out and
/// in-sample evaluations, and the Wasserstein-1 distance and KL divergence (KDE on a grid) from the known-member to
/// the private loss sample.</summary>
public sealed record KdeLeakRow(string Variant, double Lambda, string Loss, double LeakPercent,
    KdeEvaluation HeldOut, KdeEvaluation InSample, Stat Wasserstein, Stat Kl)
{
    [JsonIgnore] public Stat HeldOutAccuracy => HeldOut.Accuracy;
    [JsonIgnore] public Stat HeldOutTpr => HeldOut.Tpr;
    [JsonIgnore] public Stat HeldOutFpr => HeldOut.Fpr;

    /// <summary>A metric by name: "wasserstein", "kl", "in-sample-optimism" (in-sample minus held-out accuracy, per
    /// trial: how much scoring the KDEs on their own points flatters the attack), or an evaluation metric of
    /// <paramref name="evaluation"/> ("held-out" or "in-sample").</summary>
    public Stat Get(string metric, string evaluation = "held-out") => metric switch
    {
        "wasserstein" => Wasserstein,
        "kl" => Kl,
        "in-sample-optimism" => Stat.Of(InSample.Accuracy.Values.Zip(HeldOut.Accuracy.Values, (i, h) => i - h)),
        _ => (evaluation == "in-sample" ? InSample : HeldOut).Get(metric),
    };
}
