namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// The dual solution of a C-SVC: α (0 ≤ α ≤ C, in the solver's row order), ρ (the decision function is
/// Σ α_i y_i K(x_i, x) − ρ) and how many SMO iterations it took.
/// </summary>
internal sealed record SmoSolution(double[] Alpha, double Rho, int Iterations, bool ReachedIterationLimit);
