namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>How LiRA estimates the spread of φ over reference models (Carlini et al. 2022, §4.2 "variance estimation").</summary>
public enum LiraVariance
{
    /// <summary>σ per example and query, from that example's own IN (OUT) reference models: best with many models.</summary>
    PerExample,

    /// <summary>One σ_in for all IN and one σ_out for all OUT distributions (means stay per example): the paper's choice
    /// with few reference models, where a per-example σ from a handful of values is noise.</summary>
    Global,
}
