namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// One row of a grid search's cross-validation table: the mean and population standard deviation (numpy's std,
/// ddof = 0, as GridSearchCV's std_test_score) of the held-out fold accuracies of (C, γ), and those accuracies.
/// </summary>
public sealed record SvmGridPoint(double C, double Gamma, double MeanAccuracy, double StdAccuracy, IReadOnlyList<double> FoldAccuracies);
