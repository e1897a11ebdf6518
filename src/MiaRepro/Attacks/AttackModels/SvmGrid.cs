namespace MiaRepro.Attacks.AttackModels;

/// <summary>
/// The (C, γ) values a grid search tries, every C with every γ, in scikit-learn's ParameterGrid order: C-major
/// (C₁γ₁, C₁γ₂, …), which is also the order ties are broken in. Values are checked when the grid is made, with the
/// experiment key they come from in the message.
/// </summary>
public sealed class SvmGrid
{
    public const string CKey = "shadowAttack:svm:c";
    public const string GammaKey = "shadowAttack:svm:gamma";

    /// <summary>C ∈ {0.1, 1, 10} × γ ∈ {0.001, 0.01, 0.1}.</summary>
    public static SvmGrid Default { get; } = new([0.1, 1, 10], [0.001, 0.01, 0.1]);

    public SvmGrid(IEnumerable<double> c, IEnumerable<double> gamma)
    {
        C = Checked(c, CKey, "C", "the penalty on margin violations, e.g. [0.1, 1, 10]");
        Gamma = Checked(gamma, GammaKey, "gamma", "the RBF width 1/(2σ²), e.g. [0.001, 0.01, 0.1]");
    }

    public IReadOnlyList<double> C { get; }
    public IReadOnlyList<double> Gamma { get; }

    /// <summary>All (C, γ) pairs, C-major.</summary>
    public IReadOnlyList<(double C, double Gamma)> Points => [.. C.SelectMany(c => Gamma.Select(g => (c, g)))];

    static double[] Checked(IEnumerable<double> values, string key, string name, string meaning)
    {
        ArgumentNullException.ThrowIfNull(values, key);
        var array = values.ToArray();
        if (array.Length == 0)
            throw new ArgumentException($"svm grid: {key} is empty; give at least one {name} ({meaning}).", key);
        foreach (var v in array)
            if (!(v > 0) || !double.IsFinite(v))
                throw new ArgumentException($"svm grid: {name} must be > 0 and finite, got {v} in {key} = [{string.Join(", ", array)}]; {name} is {meaning}.", key);
        return array;
    }

    public override string ToString() => $"C ∈ {{{string.Join(", ", C)}}} × γ ∈ {{{string.Join(", ", Gamma)}}}";
}
