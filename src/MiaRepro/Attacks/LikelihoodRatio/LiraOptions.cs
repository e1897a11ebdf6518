namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Settings of one LiRA run (<see cref="Lira"/>).
/// </summary>
/// <param name="Variance">Per-example or global σ (<see cref="LiraVariance"/>).</param>
/// <param name="ReferenceModels">k reference models per example (the paper's "number of shadow models" axis): online
/// the first k/2 of the other models that trained on the example and the first k/2 that did not (k even), as the
/// paper's online attack has half of its shadow models IN; offline the first k that did not. Per example, not a global
/// prefix of the models: with random halves a prefix of k models leaves some example with no IN model at small k.
/// null: as many as <paramref name="Balance"/> says (<see cref="ReferenceSides"/>).</param>
/// <param name="Balance">Without k: the same count a side for every example (the default), or every other model.</param>
/// <param name="Location">Mean (the paper) or median (plot.py) of the references' φ.</param>
/// <param name="GlobalSigma">With the global variance: pooled around each example's mean (the paper) or plot.py's.</param>
/// <param name="OfflineTest">One-sided (the paper) or two-sided (plot.py).</param>
public sealed record LiraOptions(LiraVariance Variance = LiraVariance.PerExample, int? ReferenceModels = null, ReferenceBalance Balance = ReferenceBalance.Balanced,
    LiraLocation Location = LiraLocation.Mean, LiraGlobalSigma GlobalSigma = LiraGlobalSigma.Pooled, LiraOfflineTest OfflineTest = LiraOfflineTest.OneSided)
{
    /// <summary>Every choice as Carlini et al.'s plot.py makes it (median, its fixed variance, two-sided offline); the
    /// TPR it reports is read strictly below the FPR (<see cref="Metrics.RocCurve.TprBelowFpr"/>).</summary>
    public static LiraOptions PlotPy(LiraVariance variance, int? referenceModels = null) =>
        new(variance, referenceModels, ReferenceBalance.Balanced, LiraLocation.Median, LiraGlobalSigma.PlotPy, LiraOfflineTest.TwoSided);

    /// <summary>Whether every choice is the paper's (the default), for naming the attack.</summary>
    public bool IsPaper => Location == LiraLocation.Mean && GlobalSigma == LiraGlobalSigma.Pooled && OfflineTest == LiraOfflineTest.OneSided;

    /// <summary>A variance's word in tables and labels (the variance facet's words).</summary>
    public static string NameOf(LiraVariance variance) => variance == LiraVariance.PerExample ? "per-example" : "global";
}
