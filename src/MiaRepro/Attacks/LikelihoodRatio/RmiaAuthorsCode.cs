using MiaRepro.Metrics;

namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// RMIA as Zarifzadeh et al.'s code scores it (privacytrustlab/ml_privacy_meter research/2023_rmia: main.py's relative
/// attack, signal sm_taylor_softmax_relative, the settings of its CIFAR-10 configs), beside <see cref="Rmia"/>, which
/// follows the paper (plain p_y averaged over queries, a plain mean over references, γ = 1). Per query: the signal is a
/// soft-margin Taylor softmax at a temperature; p(x) the trimmed mean over the references; x beats z when
/// ratio_x · (1 / ratio_z) &gt; γ; then a vote over queries (torch.mode: a tie is no); the score is the share of z beaten.
/// The population z is every other example of the pool (as <see cref="Rmia"/>; main.py takes a separate set). References
/// per example as <see cref="ReferenceSides"/> (main.py's first c IN and first c OUT). Pairwise over the pool per target:
/// O(N²·A), for comparing definitions, not in `score`'s default table. tools/reference/rmia_code_reference.py restates it.
/// </summary>
public static class RmiaAuthorsCode
{
    /// <param name="Temperature">Logits are divided by it (the configs: 2).</param>
    /// <param name="Margin">The soft margin m subtracted from the true class's logit (0.6).</param>
    /// <param name="TaylorOrder">signals.py's get_taylor(x, n) = 1 + x + x²/2! + … + x^(n−1)/(n−1)! (n = 4).</param>
    /// <param name="TrimProportion">scipy's trim_mean: ⌊p·k⌋ of the k references cut from each end (0.2).</param>
    /// <param name="Gamma">γ (2).</param>
    public sealed record Options(double Temperature = 2, double Margin = 0.6, int TaylorOrder = 4, double TrimProportion = 0.2, double Gamma = 2,
        int? ReferenceModels = null);

    public static MembershipScores Online(ScoreSet set, Options? options = null)
    {
        options ??= new();
        ReferenceSides.Require(set, online: true, options.ReferenceModels, ReferenceBalance.Balanced, Rmia.MinimumPerSide);
        var signal = Signal(set, options);
        var (n, a) = (set.Examples, set.Augmentations);
        return LeaveOneModelOut.Run(set, (target, refs) =>
        {
            var ratio = new double[n * a];
            var values = new List<double>();
            for (var x = 0; x < n; x++)
            {
                var (ins, outs) = ReferenceSides.Of(set, target, refs, x, online: true, options.ReferenceModels, ReferenceBalance.Balanced, Rmia.MinimumPerSide);
                for (var q = 0; q < a; q++)
                {
                    values.Clear();
                    foreach (var r in ins.Concat(outs)) values.Add(signal[(r * n + x) * a + q]);
                    ratio[x * a + q] = signal[(target * n + x) * a + q] / TrimMean(values, options.TrimProportion);
                }
            }
            var inverse = ratio.Select(r => 1 / r).ToArray();
            var scores = new double[n];
            for (var x = 0; x < n; x++)
            {
                var beaten = 0;
                for (var z = 0; z < n; z++)
                {
                    if (z == x) continue;
                    var votes = 0;
                    for (var q = 0; q < a; q++)
                        if (ratio[x * a + q] * inverse[z * a + q] > options.Gamma) votes++;
                    if (2 * votes > a) beaten++;
                }
                scores[x] = (double)beaten / (n - 1);
            }
            return scores;
        });
    }

    /// <summary>The soft-margin Taylor softmax of every model, example and query, [M·N·A]: get_taylor(z_y/T − m) over
    /// Σ_{j≠y} get_taylor(z_j/T) + get_taylor(z_y/T − m).</summary>
    public static double[] Signal(ScoreSet set, Options options)
    {
        var result = new double[set.Models * set.Examples * set.Augmentations];
        var i = 0;
        for (var m = 0; m < set.Models; m++)
            for (var x = 0; x < set.Examples; x++)
                for (var q = 0; q < set.Augmentations; q++)
                {
                    var logits = set.LogitsOf(m, x, q);
                    var y = set.Labels[x];
                    double total = 0;   // signals.py's order: the sum over every class, less the true one's, plus its soft-margin term
                    for (var c = 0; c < logits.Length; c++) total += Taylor(logits[c] / options.Temperature, options.TaylorOrder);
                    var soft = Taylor(logits[y] / options.Temperature - options.Margin, options.TaylorOrder);
                    result[i++] = soft / (total - Taylor(logits[y] / options.Temperature, options.TaylorOrder) + soft);
                }
        return result;
    }

    // signals.py's get_taylor: power = x; taylor = x + 1; for i in 2..n−1: power *= x; taylor += power / i!.
    static double Taylor(double x, int order)
    {
        var (power, taylor, factorial) = (x, x + 1.0, 1.0);
        for (var i = 2; i < order; i++)
        {
            power *= x;
            factorial *= i;
            taylor += power / factorial;
        }
        return taylor;
    }

    // scipy.stats.trim_mean: sort, cut ⌊p·k⌋ from each end, mean of the rest.
    static double TrimMean(List<double> values, double proportion)
    {
        values.Sort();
        var cut = (int)(proportion * values.Count);
        var sum = 0.0;
        for (var j = cut; j < values.Count - cut; j++) sum += values[j];
        return sum / (values.Count - 2 * cut);
    }
}
