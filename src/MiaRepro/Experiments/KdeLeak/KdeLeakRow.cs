namespace MiaRepro.Experiments.KdeLeak;

/// <summary>The attack on one target (variant, λ, seed) with one loss at one leak %, over trials: held-out and
/// in-sample accuracy, TPR and FPR (in %), and the Wasserstein-1 distance between known-member and private losses.</summary>
public sealed record KdeLeakRow(string Variant, double Lambda, string Loss, double LeakPercent,
    Stat HeldOutAccuracy, Stat HeldOutTpr, Stat HeldOutFpr, Stat InSampleAccuracy, Stat InSampleTpr, Stat InSampleFpr, Stat Wasserstein);
