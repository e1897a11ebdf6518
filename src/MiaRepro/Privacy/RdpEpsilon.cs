namespace MiaRepro.Privacy;

/// <summary>An (ε, δ) guarantee read from RDP: the smallest ε over the orders tried, and the order α that gave it.</summary>
public readonly record struct RdpEpsilon(double Epsilon, double Order, double Delta);
