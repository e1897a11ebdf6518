namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>Where LiRA's Gaussians are centred: the paper's mean, or plot.py's median of the references' φ.</summary>
public enum LiraLocation { Mean, Median }

/// <summary>
/// The global σ: the paper's — one σ_in pooled over every example's IN values around its own mean, one σ_out likewise —
/// or plot.py's fixed variance: np.std of all IN values around their global mean, used for OUT as well online (std_out =
/// np.std(dat_in)); offline np.std of all OUT values.
/// </summary>
public enum LiraGlobalSigma { Pooled, PlotPy }

/// <summary>Offline LiRA's test: the paper's one-sided Σ log Φ((φ − μ_out)/σ_out), or plot.py's two-sided
/// −Σ log N(φ; μ_out, σ_out), which also calls a φ far below the OUT mean a member.</summary>
public enum LiraOfflineTest { OneSided, TwoSided }
