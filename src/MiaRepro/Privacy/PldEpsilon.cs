namespace MiaRepro.Privacy;

/// <summary>An (ε, δ) guarantee from the PLD accountant: the worse of the two adjacency directions, and each.</summary>
public readonly record struct PldEpsilon(double Epsilon, double Remove, double Add, double Delta);
