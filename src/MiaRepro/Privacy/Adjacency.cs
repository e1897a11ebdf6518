namespace MiaRepro.Privacy;

/// <summary>
/// Which neighbouring dataset a privacy loss compares (add/remove-one adjacency, as in Opacus and Google's
/// dp_accounting). With the example's gradient at 1 and every other at 0, one step outputs
/// mixture = (1 − q)·N(0, σ²) + q·N(1, σ²) on the dataset that holds the example and N(0, σ²) on the one without.
/// The two directions differ for a subsampled mechanism, so an accountant reports the worse.
/// </summary>
public enum Adjacency
{
    /// <summary>(P, Q) = (mixture, N(0, σ²)): the example is removed; loss ln(P/Q) ∈ (ln(1 − q), ∞).</summary>
    Remove,

    /// <summary>(P, Q) = (N(0, σ²), mixture): the example is added; loss ln(P/Q) ∈ (−∞, −ln(1 − q)).</summary>
    Add,
}
