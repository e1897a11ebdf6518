namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// The RBF-SVM attack model (Preeti &amp; Khan): <see cref="SvmGridSearch"/> picks (C, γ) by k-fold cross-validation and
/// refits on all rows; the score is the SVM's decision value (higher = member, decision at 0). With
/// <see cref="SvmAttackSpec.MaxTrainPerLabel"/> each label is first subsampled (seeded) to at most that many rows.
/// </summary>
public sealed class SvmAttackModel(SvmAttackSpec spec) : IAttackModel
{
    /// <summary>Every chosen grid point, in fit order (one per class model), for the results.</summary>
    public List<SvmGridPoint> Chosen { get; } = new();

    public int MinimumPerLabel => spec.Folds;

    public IFittedAttackModel Fit(double[][] features, int[] labels, int seed)
    {
        spec.Validate();
        AttackData.Validate(features, labels, MinimumPerLabel);
        var rows = Cap(labels, seed);
        var x = rows.Select(i => features[i]).ToArray();
        var y = rows.Select(i => labels[i]).ToArray();
        var result = SvmGridSearch.Fit(x, y, new SvmGrid(spec.Cs, spec.Gammas), spec.Folds);
        lock (Chosen) Chosen.Add(result.Best);
        return new Fitted(result.Model);
    }

    int[] Cap(int[] labels, int seed)
    {
        var all = Enumerable.Range(0, labels.Length).ToArray();
        if (spec.MaxTrainPerLabel == 0) return all;
        var rng = new Random(seed);
        return new[] { 0, 1 }.SelectMany(label =>
        {
            var rows = all.Where(i => labels[i] == label).ToArray();
            rng.Shuffle(rows);
            return rows.Take(spec.MaxTrainPerLabel);
        }).Order().ToArray();
    }

    sealed class Fitted(RbfSvm svm) : IFittedAttackModel
    {
        public double[] Score(double[][] features) => features.Length == 0 ? [] : svm.DecisionFunction(features);
    }
}
