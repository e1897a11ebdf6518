namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// A binary classifier trained on attack data: rows of features, labels 1 = member, 0 = non-member.
/// The fitted model returns a real score per row, higher = member, with the model's own decision at score &gt; 0.
/// </summary>
public interface IAttackModel
{
    /// <summary>Fewest rows of each label a fit needs (e.g. 5 for 5-fold cross-validation).</summary>
    int MinimumPerLabel { get; }

    IFittedAttackModel Fit(double[][] features, int[] labels, int seed);
}

public interface IFittedAttackModel
{
    double[] Score(double[][] features);
}
