using MiaRepro.Signals;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// One float64 signal value per model, example and query, [M, N, A] in C order: what the many-model attacks fit their
/// distributions to. <see cref="LogitScaled"/> is LiRA's φ, <see cref="TrueClassLogProbability"/> RMIA's log Pr(x|θ).
/// </summary>
public sealed class QueryValues
{
    public int Models { get; }
    public int Examples { get; }
    public int Augmentations { get; }

    /// <summary>[M·N·A] in C order.</summary>
    public double[] Data { get; }

    public QueryValues(int models, int examples, int augmentations, double[] data)
    {
        if (data.Length != (long)models * examples * augmentations)
            throw new ArgumentException($"{data.Length} values for [M, N, A] = [{models}, {examples}, {augmentations}].", nameof(data));
        (Models, Examples, Augmentations, Data) = (models, examples, augmentations, data);
    }

    public double this[int model, int example, int augmentation] => Data[(model * Examples + example) * Augmentations + augmentation];

    /// <summary>φ = log p_y − log Σ_{j≠y} p_j of every model, example and query (<see cref="LogitScaledConfidence.Of"/>).</summary>
    public static QueryValues LogitScaled(ScoreSet set) => Of(set, LogitScaledConfidence.Of);

    /// <summary>The loss −log p_y of every model, example and query (<see cref="CrossEntropy.Of"/>).</summary>
    public static QueryValues Loss(ScoreSet set) => Of(set, CrossEntropy.Of);

    /// <summary>log p_y of every model, example and query: the negated <see cref="Loss"/>.</summary>
    public static QueryValues TrueClassLogProbability(ScoreSet set) => Of(set, (z, y) => -CrossEntropy.Of(z, y));

    /// <summary>Softmax probability of the true class p_y, or (<paramref name="trueClass"/> false) the largest one, per query:
    /// e^(−loss) of that class.</summary>
    public static QueryValues Probability(ScoreSet set, bool trueClass) => Of(set, (z, y) =>
    {
        var top = 0;
        for (var c = 1; c < z.Length; c++) if (z[c] > z[top]) top = c;
        return Math.Exp(-CrossEntropy.Of(z, trueClass ? y : top));
    });

    delegate double RowSignal(ReadOnlySpan<float> logits, int label);

    static QueryValues Of(ScoreSet set, RowSignal signal)
    {
        var data = new double[set.Models * set.Examples * set.Augmentations];
        var i = 0;
        for (var m = 0; m < set.Models; m++)
            for (var n = 0; n < set.Examples; n++)
                for (var a = 0; a < set.Augmentations; a++)
                    data[i++] = signal(set.LogitsOf(m, n, a), set.Labels[n]);
        return new(set.Models, set.Examples, set.Augmentations, data);
    }
}
